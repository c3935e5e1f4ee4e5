package io.foresail.core.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An upstream on {@code 127.0.0.1:0} that accepts connections and never reads from them: the
 * proxy's writes to it stop once the socket buffers are full. For request-body backpressure.
 */
final class NonReadingUpstream implements AutoCloseable {

    private final ServerSocket server;
    private final ConcurrentLinkedQueue<Socket> accepted = new ConcurrentLinkedQueue<>();
    private final Thread acceptor;

    NonReadingUpstream() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    accepted.add(server.accept());
                } catch (IOException closed) {
                    // server closed
                }
            }
        }, "non-reading-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket socket;
        while ((socket = accepted.poll()) != null) {
            socket.close();
        }
    }
}
