package org.ticketvendor.orders.domain;

import java.security.SecureRandom;

/** Human-friendly order numbers like {@code TV-7KQ2M9XD}: no 0/O or 1/I to misread on the phone. */
public final class OrderNumbers {

    private static final char[] ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private OrderNumbers() {}

    public static String next() {
        StringBuilder number = new StringBuilder("TV-");
        for (int i = 0; i < 8; i++) {
            number.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return number.toString();
    }
}
