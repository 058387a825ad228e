package org.ticketvendor.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** Accepts connections and never says a word, like a Redis that hangs. */
public final class SilentServer implements AutoCloseable {

    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<Socket> accepted = new ArrayList<>();
    private final Thread acceptor = new Thread(this::accept, "silent-redis");

    public SilentServer() throws IOException {
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        try {
            while (!socket.isClosed()) {
                Socket client = socket.accept();
                synchronized (accepted) {
                    accepted.add(client);
                }
            }
        } catch (IOException closed) {
            // closed by close()
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        synchronized (accepted) {
            for (Socket client : accepted) {
                client.close();
            }
        }
    }
}
