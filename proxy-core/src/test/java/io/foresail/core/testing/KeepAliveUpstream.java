package io.foresail.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP/1.1 upstream on {@code 127.0.0.1:0} that keeps every connection open between requests
 * and tells which connection served a request and when the proxy closed a connection: for tests of
 * connection reuse and draining. Requests carry no body; each is answered {@code 200} with the body
 * {@code <name> <connection number>} (connections are numbered from 0 in accept order). A request
 * for {@code /hold} is answered only after {@link #releaseHeld()}.
 */
public final class KeepAliveUpstream implements AutoCloseable {

    private final String name;
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<CountDownLatch> closed = new CopyOnWriteArrayList<>();
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch holding = new CountDownLatch(1);
    private final Semaphore holdingPermits = new Semaphore(0);

    private KeepAliveUpstream(String name) throws IOException {
        this.name = name;
        server = new ServerSocket();
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        Thread acceptor = new Thread(this::accept, "keep-alive-upstream-" + name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static KeepAliveUpstream start(String name) throws IOException {
        return new KeepAliveUpstream(name);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    public int connectionCount() {
        return closed.size();
    }

    /** Whether the proxy closed connection {@code number} within {@code wait}. */
    public boolean awaitClosed(int number, Duration wait) throws InterruptedException {
        return closed.get(number).await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether connection {@code number} is still open (not closed by the proxy so far). */
    public boolean isOpen(int number) {
        return closed.get(number).getCount() == 1;
    }

    /** Waits until a {@code /hold} request arrived. */
    public boolean awaitHolding(Duration wait) throws InterruptedException {
        return holding.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until {@code count} more {@code /hold} requests arrived (each arrival counts for one call only). */
    public boolean awaitHolding(int count, Duration wait) throws InterruptedException {
        return holdingPermits.tryAcquire(count, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets the held {@code /hold} requests be answered. */
    public void releaseHeld() {
        held.countDown();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                int number = closed.size();
                sockets.add(socket);
                CountDownLatch done = new CountDownLatch(1);
                closed.add(done);
                Thread serving = new Thread(() -> serve(socket, number, done), "keep-alive-upstream-" + name + "-" + number);
                serving.setDaemon(true);
                serving.start();
            } catch (IOException closedServer) {
                return;
            }
        }
    }

    private void serve(Socket socket, int number, CountDownLatch done) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String head;
            while ((head = readHead(in)) != null) {
                if (head.startsWith("GET /hold ")) {
                    holding.countDown();
                    holdingPermits.release();
                    if (!held.await(10, TimeUnit.SECONDS)) {
                        return;
                    }
                }
                byte[] body = (name + " " + number).getBytes(StandardCharsets.US_ASCII);
                out.write(("HTTP/1.1 200 OK\r\ncontent-length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            }
        } catch (IOException | InterruptedException reset) {
            // counted as closed below
        } finally {
            done.countDown();
        }
    }

    /** The next request head, or {@code null} at end of stream. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return matched < 4 ? null : head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        held.countDown();
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
