package org.ticketvendor.identity;

/** The editable part of a promoter profile. */
public record PromoterDetails(
        String companyName, String contactEmail, String contactPhone, String website, String stripeAccountId) {}
