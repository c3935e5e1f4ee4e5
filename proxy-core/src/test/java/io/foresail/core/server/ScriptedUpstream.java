package io.foresail.core.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * An upstream on {@code 127.0.0.1:0} that reads one request head per connection, writes a fixed
 * byte string (malformed, truncated or empty) and closes, or keeps the connection open until the
 * proxy closes it: for the proxy's failure paths. One connection at a time.
 */
final class ScriptedUpstream implements AutoCloseable {

    private final ServerSocket server;
    private final Thread acceptor;

    private ScriptedUpstream(String reply, boolean stayOpen) throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        byte[] bytes = reply.getBytes(StandardCharsets.ISO_8859_1);
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    socket.setSoTimeout(5_000);
                    readHead(socket.getInputStream());
                    socket.getOutputStream().write(bytes);
                    socket.getOutputStream().flush();
                    if (stayOpen) {
                        drainUntilClosed(socket.getInputStream());
                    }
                } catch (IOException closedOrReset) {
                    // next connection, or the server was closed
                }
            }
        }, "scripted-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static ScriptedUpstream replying(String reply) throws IOException {
        return new ScriptedUpstream(reply, false);
    }

    /** Like {@link #replying}, but keeps each connection open after the reply until the proxy closes it. */
    static ScriptedUpstream replyingAndStayingOpen(String reply) throws IOException {
        return new ScriptedUpstream(reply, true);
    }

    int port() {
        return server.getLocalPort();
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    private static void drainUntilClosed(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        while (in.read(buffer) >= 0) {
            // discard until the proxy closes the connection
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
