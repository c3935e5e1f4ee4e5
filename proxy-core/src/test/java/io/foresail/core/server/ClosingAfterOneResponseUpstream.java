package io.foresail.core.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream that answers the first request of every connection with a keep-alive response,
 * then reads the next request head and closes without answering (or after writing the start of
 * an answer): the race in which a pooled connection is closed by the upstream just as the proxy
 * reuses it.
 */
final class ClosingAfterOneResponseUpstream implements AutoCloseable {

    private static final byte[] RESPONSE = "HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1);

    private final ServerSocket server;
    private final Thread acceptor;
    private final AtomicInteger connections = new AtomicInteger();

    ClosingAfterOneResponseUpstream() throws IOException {
        this("");
    }

    /** @param partialSecondReply what to write after reading the second request head, before closing */
    ClosingAfterOneResponseUpstream(String partialSecondReply) throws IOException {
        byte[] partial = partialSecondReply.getBytes(StandardCharsets.ISO_8859_1);
        server = new ServerSocket();
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    connections.incrementAndGet();
                    Thread serving = new Thread(() -> serve(socket, partial), "closing-upstream-connection");
                    serving.setDaemon(true);
                    serving.start();
                } catch (IOException closed) {
                    // server closed
                }
            }
        }, "closing-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void serve(Socket socket, byte[] partialSecondReply) {
        try (socket) {
            socket.setSoTimeout(5_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            readHead(in);
            out.write(RESPONSE);
            out.flush();
            readHead(in);
            out.write(partialSecondReply);
            out.flush();
        } catch (IOException e) {
            // connection over
        }
    }

    int port() {
        return server.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
