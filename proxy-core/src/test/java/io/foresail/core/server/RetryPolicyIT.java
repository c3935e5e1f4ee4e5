package io.foresail.core.server;

import static io.foresail.core.testing.RoutingTables.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.config.table.ForwardPolicy;
import io.foresail.config.table.RetryPolicy;
import io.foresail.config.table.RetryPolicy.Condition;
import io.foresail.core.http.ResponseFlag;
import io.foresail.core.proxy.ExchangeOutcome;
import io.foresail.core.testing.Closer;
import io.foresail.core.testing.ManualClock;
import io.foresail.core.testing.Outcomes;
import io.foresail.core.testing.RoutingTables;
import io.foresail.core.testing.ScriptedStatusUpstream;
import io.foresail.core.testing.StubUpstream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Route retry policies end to end: real upstreams that fail in scripted ways, the proxy on an
 * ephemeral port, and what the client gets, what the upstreams saw, and the recorded flag.
 */
class RetryPolicyIT {

    private static final int PORT = 8080;
    private static final String HOST = "web.local";

    @RegisterExtension
    final Closer closer = new Closer();

    private final Outcomes outcomes = new Outcomes();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static RetryPolicy retryOn(int attempts, Condition... conditions) {
        return new RetryPolicy(attempts, Optional.empty(), EnumSet.of(conditions[0], conditions), Set.of(),
                RetryPolicy.DEFAULT_BACKOFF, false, true);
    }

    private static ForwardPolicy withRetries(RetryPolicy retries) {
        return new ForwardPolicy(Optional.empty(), Optional.empty(), Optional.empty(), retries, List.of());
    }

    private ProxyServer start(RoutingTables tables, ProxyServerOptions.Builder options) {
        return closer.register(ProxyServer.start(tables.holder(),
                options.ephemeralPorts(true).workerThreads(1).build(), outcomes));
    }

    private ProxyServer start(RoutingTables tables) {
        return start(tables, ProxyServerOptions.builder());
    }

    private HttpResponse<String> get(ProxyServer proxy, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.boundPort(PORT) + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void flakyUpstreamIsHiddenByRetryingOn5xx() throws Exception {
        ScriptedStatusUpstream flaky = closer.register(ScriptedStatusUpstream.start("flaky", 503, 500, 200));
        ProxyServer proxy = start(RoutingTables.builder().cluster(HOST, endpoint("127.0.0.1", flaky.port(), 1))
                .routeWithPolicy(PORT, "*", "/", HOST, withRetries(retryOn(2, Condition.FIVE_XX))));

        HttpResponse<String> response = get(proxy, "/flaky");

        assertThat(response.statusCode()).as("two 5xx answers are retried away: the client sees the third try's 200")
                .isEqualTo(200);
        assertThat(response.body()).isEqualTo("flaky 200");
        assertThat(flaky.requestCount()).as("the request went to the upstream three times").isEqualTo(3);
        assertThat(outcomes.next().flag()).as("a request that ended well after retries has no flag").isEqualTo(ResponseFlag.NONE);
    }

    @Test
    void lastAnswerIsRelayedWithUrxWhenRetriesRunOut() throws Exception {
        ScriptedStatusUpstream failing = closer.register(ScriptedStatusUpstream.start("failing", 503));
        ProxyServer proxy = start(RoutingTables.builder().cluster(HOST, endpoint("127.0.0.1", failing.port(), 1))
                .routeWithPolicy(PORT, "*", "/", HOST, withRetries(retryOn(2, Condition.GATEWAY_ERROR))));

        HttpResponse<String> response = get(proxy, "/");

        assertThat(response.statusCode()).as("after the last retry the upstream's own answer goes to the client").isEqualTo(503);
        assertThat(response.body()).isEqualTo("failing 503");
        assertThat(failing.requestCount()).as("1 try + 2 retries").isEqualTo(3);
        assertThat(outcomes.next().flag()).as("Envoy flags an answer relayed at the retry limit URX").isEqualTo(ResponseFlag.URX);
    }

    @Test
    void statusNotCoveredByRetryOnIsRelayedAtOnce() throws Exception {
        ScriptedStatusUpstream failing = closer.register(ScriptedStatusUpstream.start("failing", 500, 200));
        ProxyServer proxy = start(RoutingTables.builder().cluster(HOST, endpoint("127.0.0.1", failing.port(), 1))
                .routeWithPolicy(PORT, "*", "/", HOST, withRetries(retryOn(2, Condition.GATEWAY_ERROR))));

        HttpResponse<String> response = get(proxy, "/");

        assertThat(response.statusCode()).as("gateway-error covers 502, 503 and 504 only").isEqualTo(500);
        assertThat(failing.requestCount()).isEqualTo(1);
        assertThat(outcomes.next().flag()).isEqualTo(ResponseFlag.NONE);
    }

    @Test
    void connectionClosedBeforeTheHeadIsRetriedOnReset() throws Exception {
        ScriptedStatusUpstream flaky = closer.register(ScriptedStatusUpstream.start("flaky",
                ScriptedStatusUpstream.RESET, 200));
        ProxyServer proxy = start(RoutingTables.builder().cluster(HOST, endpoint("127.0.0.1", flaky.port(), 1))
                .routeWithPolicy(PORT, "*", "/", HOST, withRetries(retryOn(1, Condition.RESET))));

        HttpResponse<String> response = get(proxy, "/");

        assertThat(response.statusCode()).as("a try whose connection closed without an answer is retried on reset")
                .isEqualTo(200);
        assertThat(flaky.requestCount()).isEqualTo(2);
    }

    @Test
    void connectionClosedBeforeTheHeadIs503UCWithoutRetryOnReset() throws Exception {
        ScriptedStatusUpstream flaky = closer.register(ScriptedStatusUpstream.start("flaky",
                ScriptedStatusUpstream.RESET, 200));
        ProxyServer proxy = start(RoutingTables.builder().cluster(HOST, endpoint("127.0.0.1", flaky.port(), 1))
                .routeWithPolicy(PORT, "*", "/", HOST, ForwardPolicy.DEFAULT));

        HttpResponse<String> response = get(proxy, "/");

        assertThat(response.statusCode()).as("Istio's default policy does not cover resets").isEqualTo(503);
        assertThat(outcomes.next().flag()).isEqualTo(ResponseFlag.UC);
        assertThat(flaky.requestCount()).isEqualTo(1);
    }

    @Test
    void retriableStatusCodesAreRetried() throws Exception {
        ScriptedStatusUpstream failing = closer.register(ScriptedStatusUpstream.start("failing", 429, 200));
        RetryPolicy policy = new RetryPolicy(1, Optional.empty(), EnumSet.of(Condition.RETRIABLE_STATUS_CODES),
                Set.of(429), RetryPolicy.DEFAULT_BACKOFF, false, true);
        ProxyServer proxy = start(RoutingTables.builder().cluster(HOST, endpoint("127.0.0.1", failing.port(), 1))
                .routeWithPolicy(PORT, "*", "/", HOST, withRetries(policy)));

        assertThat(get(proxy, "/").statusCode()).as("429 is listed in retriable status codes").isEqualTo(200);
        assertThat(failing.requestCount()).isEqualTo(2);
    }

    @Test
    void istioDefaultPolicyRetriesAConnectFailureOnAnotherEndpoint() throws Exception {
        StubUpstream healthy = closer.register(StubUpstream.start("healthy"));
        int refusing = closedPort();
        ProxyServer proxy = start(RoutingTables.builder()
                .cluster(HOST, endpoint("127.0.0.1", refusing, 1), endpoint("127.0.0.1", healthy.port(), 1))
                .routeWithPolicy(PORT, "*", "/", HOST, ForwardPolicy.DEFAULT));

        for (int i = 0; i < 4; i++) {
            HttpResponse<String> response = get(proxy, "/r" + i);
            assertThat(response.statusCode()).as("request %d: a refused connect is retried on the other endpoint "
                    + "under Istio's default policy (connect-failure, 2 attempts)", i).isEqualTo(200);
            assertThat(outcomes.next().flag()).isEqualTo(ResponseFlag.NONE);
        }
        assertThat(healthy.requests()).hasSize(4);
    }

    @Test
    void connectFailureAtTheRetryLimitAnswers503WithEnvoysRetriedWording() throws Exception {
        int refusing = closedPort();
        ProxyServer proxy = start(RoutingTables.builder().cluster(HOST, endpoint("127.0.0.1", refusing, 1))
                .routeWithPolicy(PORT, "*", "/", HOST, ForwardPolicy.DEFAULT));

        HttpResponse<String> response = get(proxy, "/");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).as("Envoy's body once the request was retried")
                .startsWith("upstream connect error or disconnect/reset before headers. retried and the latest reset reason: connection failure");
        assertThat(outcomes.next().flag()).as("the cause stays the flag (Envoy: UF,URX)").isEqualTo(ResponseFlag.UF);
        assertThat(proxy.counters().upstreamRetries()).as("Istio's default allows 2 retries").isEqualTo(2);
    }

    @Test
    void noRetryPolicyAnswersTheFirstConnectFailure() throws Exception {
        int refusing = closedPort();
        ProxyServer proxy = start(RoutingTables.builder().cluster(HOST, endpoint("127.0.0.1", refusing, 1))
                .routeWithPolicy(PORT, "*", "/", HOST, withRetries(RetryPolicy.NONE)));

        HttpResponse<String> response = get(proxy, "/");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).startsWith("upstream connect error or disconnect/reset before headers. reset reason: connection failure");
        assertThat(outcomes.next().flag()).as("attempts 0 disables retries: a plain connect failure").isEqualTo(ResponseFlag.UF);
        assertThat(proxy.counters().upstreamRetries()).isZero();
    }

    @Test
    void retryPicksAnEndpointNotTriedYet() throws Exception {
        ScriptedStatusUpstream failing = closer.register(ScriptedStatusUpstream.start("failing", 503));
        ScriptedStatusUpstream healthy = closer.register(ScriptedStatusUpstream.start("healthy", 200));
        // weight 3:1: the balancer alone would often pick the failing endpoint twice in a row
        ProxyServer proxy = start(RoutingTables.builder()
                .cluster(HOST, endpoint("127.0.0.1", failing.port(), 3), endpoint("127.0.0.1", healthy.port(), 1))
                .routeWithPolicy(PORT, "*", "/", HOST, withRetries(retryOn(1, Condition.FIVE_XX))));

        for (int i = 0; i < 8; i++) {
            assertThat(get(proxy, "/").statusCode()).as("request %d: its one retry goes to the endpoint not tried yet", i)
                    .isEqualTo(200);
        }
    }

    @Test
    void postBodyIsReplayedOnTheRetry() throws Exception {
        ScriptedStatusUpstream flaky = closer.register(ScriptedStatusUpstream.start("flaky", 503, 200));
        ProxyServer proxy = start(RoutingTables.builder().cluster(HOST, endpoint("127.0.0.1", flaky.port(), 1))
                .routeWithPolicy(PORT, "*", "/", HOST, withRetries(retryOn(1, Condition.FIVE_XX))));
        byte[] body = java.util.Arrays.copyOf(StubUpstream.bigBody(), 40 * 1024);

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + proxy.boundPort(PORT) + "/upload"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(flaky.received()).as("both tries carried the whole body")
                .extracting(ScriptedStatusUpstream.Received::bodySha256)
                .containsExactly(StubUpstream.sha256(body), StubUpstream.sha256(body));
    }

    @Test
    void bodyLargerThanTheReplayBufferIsNotRetried() throws Exception {
        ScriptedStatusUpstream flaky = closer.register(ScriptedStatusUpstream.start("flaky", 503, 200));
        ProxyServer proxy = start(RoutingTables.builder().cluster(HOST, endpoint("127.0.0.1", flaky.port(), 1))
                .routeWithPolicy(PORT, "*", "/", HOST, withRetries(retryOn(1, Condition.FIVE_XX))));
        byte[] body = java.util.Arrays.copyOf(StubUpstream.bigBody(), 1024 * 1024);

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + proxy.boundPort(PORT) + "/upload"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as("a 1 MiB body streamed past the 64 KiB replay buffer cannot be sent again")
                .isEqualTo(503);
        assertThat(flaky.requestCount()).isEqualTo(1);
        assertThat(flaky.received().get(0).bodySha256()).isEqualTo(StubUpstream.sha256(body));
    }

    @Test
    void retryWaitsForItsBackoffOnTheProxyClock() throws Exception {
        ScriptedStatusUpstream flaky = closer.register(ScriptedStatusUpstream.start("flaky", 503, 200));
        ManualClock clock = new ManualClock();
        // the back-off draw is the largest the first retry allows: just under 25 ms
        ProxyServer proxy = start(RoutingTables.builder().cluster(HOST, endpoint("127.0.0.1", flaky.port(), 1))
                        .routeWithPolicy(PORT, "*", "/", HOST, withRetries(retryOn(1, Condition.FIVE_XX))),
                ProxyServerOptions.builder().clock(clock).tickets(bound -> bound - 1));

        CompletableFuture<HttpResponse<String>> response = client.sendAsync(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + proxy.boundPort(PORT) + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        clock.awaitPending(1, Duration.ofSeconds(5));

        assertThat(flaky.requestCount()).as("the first try has been answered 503").isEqualTo(1);
        clock.advance(Duration.ofMillis(24));
        assertThat(response).as("24 ms into a back-off of 24.999 ms, nothing is retried yet").isNotDone();
        assertThat(clock.pending()).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));

        assertThat(response.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(flaky.requestCount()).isEqualTo(2);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
