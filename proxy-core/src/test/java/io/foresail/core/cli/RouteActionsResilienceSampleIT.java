package io.foresail.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.core.testing.Closer;
import io.foresail.core.testing.RawHttpClient;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code config-samples/route-actions/resilience-and-cors.yaml} started with its folder as its
 * comments say, answering each of its curl lines with what the comments promise beyond the
 * status: the CORS headers, the abort's body, the delay, the 504 within the route timeout.
 */
class RouteActionsResilienceSampleIT {

    private static final int PORT = 8083;
    private static final String HOST = "api.example.com";
    private static final String ALLOWED = "https://app.example.com";

    @RegisterExtension
    final Closer closer = new Closer();

    @TempDir
    Path dir;

    private RunningSample sample;

    @BeforeEach
    void start() throws Exception {
        sample = closer.register(RunningSample.start("route-actions", dir));
    }

    private RawHttpClient.Response exchange(String request) throws Exception {
        try (RawHttpClient client = new RawHttpClient(sample.proxyPort(PORT))) {
            return client.exchange(request);
        }
    }

    @Test
    void apiRequestsAreMirroredWhileTheClientGetsThePrimarysAnswer() throws Exception {
        RawHttpClient.Response response = sample.get(PORT, HOST, "/api/items");

        assertThat(response.header("x-echo-server")).as("the client's answer comes from the primary").isEqualTo("echo-v1");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sample.counters().mirrorResponses() < 1 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        assertThat(sample.counters().mirrorRequests()).as("one copy sent to echo-v2").isEqualTo(1);
        assertThat(sample.counters().mirrorResponses()).as("echo-v2 answered the copy (and the answer was dropped)")
                .isEqualTo(1);
    }

    @Test
    void preflightFromAnAllowedOriginIsAnsweredByTheProxy() throws Exception {
        RawHttpClient.Response response = exchange("OPTIONS /api/items HTTP/1.1\r\nHost: " + HOST + "\r\nOrigin: " + ALLOWED
                + "\r\nAccess-Control-Request-Method: PUT\r\nConnection: close\r\n\r\n");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("x-echo-server")).as("the upstream never sees an allowed preflight").isNull();
        assertThat(response.header("access-control-allow-origin")).isEqualTo(ALLOWED);
        assertThat(response.header("access-control-allow-methods")).isEqualTo("GET,PUT,POST");
        assertThat(response.header("access-control-allow-headers")).isEqualTo("content-type,authorization");
        assertThat(response.header("access-control-max-age")).as("maxAge 24h in seconds").isEqualTo("86400");
        assertThat(response.header("access-control-allow-credentials")).isEqualTo("true");
    }

    @Test
    void actualRequestFromAnAllowedOriginGetsTheCorsHeaders() throws Exception {
        RawHttpClient.Response response = sample.get(PORT, HOST, "/api/items", "origin", ALLOWED);

        assertThat(response.header("x-echo-server")).isEqualTo("echo-v1");
        assertThat(response.header("access-control-allow-origin")).isEqualTo(ALLOWED);
        assertThat(response.header("access-control-expose-headers")).isEqualTo("x-request-id");
    }

    @Test
    void originMatchingTheRegexIsAllowed() throws Exception {
        RawHttpClient.Response response = sample.get(PORT, HOST, "/api/items", "origin", "https://pr42.preview.example.com");

        assertThat(response.header("access-control-allow-origin")).isEqualTo("https://pr42.preview.example.com");
    }

    @Test
    void otherOriginsGetNoCorsHeaders() throws Exception {
        RawHttpClient.Response response = sample.get(PORT, HOST, "/api/items", "origin", "https://evil.example.net");

        assertThat(response.header("x-echo-server")).isEqualTo("echo-v1");
        assertThat(response.headers().keySet()).noneMatch(name -> name.startsWith("access-control-"));
    }

    @Test
    void upstream503IsRetriedAndThenRelayed() throws Exception {
        RawHttpClient.Response response = sample.get(PORT, HOST, "/api/items?status=503");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("x-echo-server")).as("the echo's own 503, not a proxy reply").isEqualTo("echo-v1");
    }

    @Test
    void slowUpstreamGets504AtTheRouteTimeout() throws Exception {
        long started = System.nanoTime();
        RawHttpClient.Response response = sample.get(PORT, HOST, "/api/items?delay=3000");
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(response.status()).isEqualTo(504);
        assertThat(response.bodyText()).isEqualTo("upstream request timeout");
        assertThat(elapsed).as("the route's 1 s timeout, not the upstream's 3 s delay").isBetween(900L, 1500L);
    }

    @Test
    void chaosAbortIsAnsweredByTheProxy() throws Exception {
        RawHttpClient.Response response = sample.get(PORT, HOST, "/api/items", "x-chaos", "abort");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("x-echo-server")).isNull();
        assertThat(response.bodyText()).isEqualTo("fault filter abort");
    }

    @Test
    void chaosDelayHoldsTheRequestAndTheTimeoutStartsAfterIt() throws Exception {
        long started = System.nanoTime();
        RawHttpClient.Response response = sample.get(PORT, HOST, "/api/items", "x-chaos", "delay");
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(response.header("x-echo-server")).as("a 1.5 s delay on a route with a 1 s timeout still forwards")
                .isEqualTo("echo-v1");
        assertThat(elapsed).as("the fixed delay of 1.5 s").isGreaterThanOrEqualTo(1500L);
    }
}
