package io.foresail.core.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/1.1 upstream on {@code 127.0.0.1:0} (JDK {@code HttpServer}) that records every request
 * (headers, body length and SHA-256) and answers:
 * <ul>
 *   <li>{@code /big}: {@link #BIG_SIZE} bytes of {@link #bigBody()} with a content-length;
 *   <li>{@code /big-chunked}: the same bytes, chunked;
 *   <li>anything else: {@code 200 <name> <path>} with a content-length.
 * </ul>
 */
public final class StubUpstream implements AutoCloseable {

    public static final int BIG_SIZE = 10 * 1024 * 1024;

    /** One request as the upstream received it; header names lower-case. */
    public record Recorded(String method, String uri, Map<String, List<String>> headers, long bodyLength,
                           String bodySha256, InetSocketAddress remote) {
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : String.join(",", values);
        }
    }

    private final String name;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ConcurrentLinkedQueue<Recorded> requests = new ConcurrentLinkedQueue<>();
    private final Set<InetSocketAddress> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong bodyBytesReceived = new AtomicLong();

    private StubUpstream(String name) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        this.executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "stub-upstream-" + name);
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static StubUpstream start(String name) throws IOException {
        return new StubUpstream(name);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** Distinct upstream connections that carried at least one request. */
    public int connectionCount() {
        return connections.size();
    }

    /** Request body bytes read so far, of all requests, counted as they are read (before a request is recorded). */
    public long bodyBytesReceived() {
        return bodyBytesReceived.get();
    }

    /** The deterministic body of {@code /big}. */
    public static byte[] bigBody() {
        byte[] body = new byte[BIG_SIZE];
        long state = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < body.length; i++) {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            body[i] = (byte) state;
        }
        return body;
    }

    public static String sha256(byte[] bytes) {
        return Hex.of(digest().digest(bytes));
    }

    private void handle(HttpExchange exchange) throws IOException {
        MessageDigest digest = digest();
        long length = 0;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
                length += read;
                bodyBytesReceived.addAndGet(read);
            }
        }
        Map<String, List<String>> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((key, values) -> headers.put(key.toLowerCase(Locale.ROOT), List.copyOf(values)));
        requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, length,
                Hex.of(digest.digest()), exchange.getRemoteAddress()));
        connections.add(exchange.getRemoteAddress());
        String path = exchange.getRequestURI().getPath();
        byte[] body;
        long declaredLength;
        if (path.equals("/big") || path.equals("/big-chunked")) {
            body = bigBody();
            declaredLength = path.equals("/big") ? body.length : 0;
        } else {
            body = (name + " " + path).getBytes(StandardCharsets.UTF_8);
            declaredLength = body.length;
        }
        exchange.getResponseHeaders().add("x-upstream", name);
        exchange.getResponseHeaders().add("Keep-Alive", "timeout=30");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(200, head ? -1 : declaredLength);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(body);
            }
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Lower-case hex. */
    static final class Hex {
        private Hex() {
        }

        static String of(byte[] bytes) {
            StringBuilder text = new StringBuilder(bytes.length * 2);
            for (byte b : bytes) {
                text.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return text.toString();
        }
    }
}
