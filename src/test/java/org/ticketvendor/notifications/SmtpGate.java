package org.ticketvendor.notifications;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP gate in front of a real SMTP server (GreenMail), on a fixed local port, that plays the
 * faults: {@code FORWARD} passes connections through, {@code DOWN} stops listening (connections are
 * refused), {@code STALL} accepts and never answers (a hung server), {@code REJECT} speaks just
 * enough SMTP to refuse every recipient with 550.
 */
final class SmtpGate implements AutoCloseable {

    enum Mode {
        FORWARD,
        DOWN,
        STALL,
        REJECT
    }

    private final int port;
    private final int target;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.FORWARD;
    private ServerSocket server;

    SmtpGate(int target) {
        this.target = target;
        this.port = freePort();
        listen();
    }

    int port() {
        return port;
    }

    synchronized void mode(Mode next) {
        if (next == Mode.DOWN) {
            stopListening();
        } else if (server == null) {
            listen();
        }
        mode = next;
    }

    @Override
    public synchronized void close() {
        stopListening();
        open.forEach(SmtpGate::quietly);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void listen() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            server = socket;
            Thread acceptor = new Thread(() -> accept(socket), "smtp-gate-" + port);
            acceptor.setDaemon(true);
            acceptor.start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not listen on " + port, e);
        }
    }

    private void stopListening() {
        if (server != null) {
            quietly(server);
            server = null;
        }
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                open.add(client);
                switch (mode) {
                    case STALL -> {} // Hold the connection and say nothing.
                    case REJECT -> daemon(() -> reject(client));
                    default -> forward(client);
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void forward(Socket client) throws IOException {
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
        open.add(upstream);
        daemon(() -> pipe(client, upstream));
        daemon(() -> pipe(upstream, client));
    }

    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // One side closed; close both below.
        } finally {
            quietly(from);
            quietly(to);
        }
    }

    private static void reject(Socket client) {
        try (client;
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                Writer out = new java.io.OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII)) {
            reply(out, "220 gate.test ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (command) {
                    case "EHLO", "HELO" -> reply(out, "250 gate.test");
                    case "MAIL", "RSET", "NOOP" -> reply(out, "250 2.0.0 OK");
                    case "RCPT" -> reply(out, "550 5.1.1 No such user here");
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 Bye");
                        return;
                    }
                    default -> reply(out, "503 5.5.1 Bad sequence of commands");
                }
            }
        } catch (IOException ignored) {
            // The client went away.
        }
    }

    private static void reply(Writer out, String line) throws IOException {
        out.write(line + "\r\n");
        out.flush();
    }

    private static void daemon(Runnable work) {
        Thread thread = new Thread(work, "smtp-gate-io");
        thread.setDaemon(true);
        thread.start();
    }

    private static void quietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing is best effort.
        }
    }
}
