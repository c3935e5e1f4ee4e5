package io.foresail.core.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 upstream on {@code 127.0.0.1:0} that answers its n-th request with the n-th status
 * of its script (the last one repeating), {@link #HANG} meaning "never answer until closed", with
 * the body {@code <name> <status>} ({@link #RESET}: close without answering). Records each request's method, path and body digest, for
 * retry and timeout tests.
 */
public final class ScriptedStatusUpstream implements AutoCloseable {

    /** A script entry: read the request and never answer (until {@link #close()}). */
    public static final int HANG = 0;
    /** A script entry: read the request and close the connection without an answer. */
    public static final int RESET = -1;

    /** One request as received. */
    public record Received(String method, String path, long bodyLength, String bodySha256) {
    }

    private final String name;
    private final int[] script;
    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicInteger count = new AtomicInteger();
    private final List<Received> received = new ArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    private ScriptedStatusUpstream(String name, int[] script) throws IOException {
        this.name = name;
        this.script = script.clone();
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "scripted-status-" + name);
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts an upstream answering its requests with {@code script} in order (the last status repeats). */
    public static ScriptedStatusUpstream start(String name, int... script) throws IOException {
        if (script.length == 0) {
            throw new IllegalArgumentException("script: empty");
        }
        return new ScriptedStatusUpstream(name, script);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Requests received so far. */
    public int requestCount() {
        return count.get();
    }

    /** Waits (bounded by {@code timeout}) until {@code expected} requests have been received. */
    public synchronized void awaitRequests(int expected, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < expected) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("received " + received.size() + " requests within " + timeout + ", expected " + expected);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        MessageDigest digest = digest();
        long length = 0;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] buffer = new byte[16 * 1024];
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
                length += read;
            }
        }
        int number = count.getAndIncrement();
        synchronized (this) {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), length,
                    StubUpstream.Hex.of(digest.digest())));
            notifyAll();
        }
        int status = script[Math.min(number, script.length - 1)];
        if (status == RESET) {
            exchange.close();
            return;
        }
        if (status == HANG) {
            try {
                closed.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        byte[] body = (name + " " + status).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("x-upstream", name);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
