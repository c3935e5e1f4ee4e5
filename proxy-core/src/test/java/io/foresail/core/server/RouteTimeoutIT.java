package io.foresail.core.server;

import static io.foresail.core.testing.RoutingTables.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.config.table.ForwardPolicy;
import io.foresail.config.table.RetryPolicy;
import io.foresail.config.table.RetryPolicy.Condition;
import io.foresail.core.http.ResponseFlag;
import io.foresail.core.testing.Closer;
import io.foresail.core.testing.ManualClock;
import io.foresail.core.testing.Outcomes;
import io.foresail.core.testing.RoutingTables;
import io.foresail.core.testing.ScriptedStatusUpstream;
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

/** The route {@code timeout} and {@code retries.perTryTimeout} end to end, on the system clock and on a manual one. */
class RouteTimeoutIT {

    private static final int PORT = 8080;
    private static final String HOST = "slow.local";

    @RegisterExtension
    final Closer closer = new Closer();

    private final Outcomes outcomes = new Outcomes();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static ForwardPolicy policy(Optional<Duration> timeout, RetryPolicy retries) {
        return new ForwardPolicy(Optional.empty(), Optional.empty(), timeout, retries, List.of());
    }

    private ProxyServer start(ScriptedStatusUpstream upstream, ForwardPolicy policy, ProxyServerOptions.Builder options) {
        return closer.register(ProxyServer.start(RoutingTables.builder()
                        .cluster(HOST, endpoint("127.0.0.1", upstream.port(), 1))
                        .routeWithPolicy(PORT, "*", "/", HOST, policy).holder(),
                options.ephemeralPorts(true).workerThreads(1).build(), outcomes));
    }

    private HttpRequest request(ProxyServer proxy) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.boundPort(PORT) + "/slow"))
                .timeout(Duration.ofSeconds(10)).build();
    }

    @Test
    void upstreamSilentPastTheRouteTimeoutGets504WithinTheTimeout() throws Exception {
        ScriptedStatusUpstream silent = closer.register(ScriptedStatusUpstream.start("silent", ScriptedStatusUpstream.HANG));
        ProxyServer proxy = start(silent, policy(Optional.of(Duration.ofMillis(400)), RetryPolicy.ISTIO_DEFAULT),
                ProxyServerOptions.builder());

        long started = System.nanoTime();
        HttpResponse<String> response = client.send(request(proxy), HttpResponse.BodyHandlers.ofString());
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).isEqualTo("upstream request timeout");
        assertThat(elapsedMillis).as("the 504 comes when the 400 ms route timeout expires (± 100 ms)").isBetween(300L, 500L);
        assertThat(outcomes.next().flag()).isEqualTo(ResponseFlag.UT);
        assertThat(silent.requestCount()).as("Istio's default policy does not retry a timeout").isEqualTo(1);
    }

    @Test
    void routeTimeoutFiresOnlyWhenTheClockReachesIt() throws Exception {
        ScriptedStatusUpstream silent = closer.register(ScriptedStatusUpstream.start("silent", ScriptedStatusUpstream.HANG));
        ManualClock clock = new ManualClock();
        ProxyServer proxy = start(silent, policy(Optional.of(Duration.ofSeconds(3)), RetryPolicy.NONE),
                ProxyServerOptions.builder().clock(clock));

        CompletableFuture<HttpResponse<String>> response = client.sendAsync(request(proxy), HttpResponse.BodyHandlers.ofString());
        clock.awaitPending(1, Duration.ofSeconds(5));
        clock.advance(Duration.ofMillis(2999));
        assertThat(response).as("1 ms before the 3 s timeout the request still waits").isNotDone();
        clock.advance(Duration.ofMillis(1));

        assertThat(response.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(504);
        assertThat(outcomes.next().flag()).isEqualTo(ResponseFlag.UT);
    }

    @Test
    void noTimeoutByDefaultLeavesASlowRequestWaiting() throws Exception {
        ScriptedStatusUpstream silent = closer.register(ScriptedStatusUpstream.start("silent", ScriptedStatusUpstream.HANG));
        ManualClock clock = new ManualClock();
        ProxyServer proxy = start(silent, ForwardPolicy.DEFAULT, ProxyServerOptions.builder().clock(clock));

        CompletableFuture<HttpResponse<String>> response = client.sendAsync(request(proxy), HttpResponse.BodyHandlers.ofString());
        awaitRequests(silent, 1);
        clock.advance(Duration.ofHours(1));

        assertThat(clock.pending()).as("without a route timeout no timer is set (Istio's default: none)").isZero();
        assertThat(response).isNotDone();
        response.cancel(true);
    }

    @Test
    void perTryTimeoutRetriesASilentTry() throws Exception {
        ScriptedStatusUpstream flaky = closer.register(ScriptedStatusUpstream.start("flaky", ScriptedStatusUpstream.HANG, 200));
        RetryPolicy retries = new RetryPolicy(1, Optional.of(Duration.ofMillis(200)), EnumSet.of(Condition.RESET),
                Set.of(), RetryPolicy.DEFAULT_BACKOFF, false, true);
        ProxyServer proxy = start(flaky, policy(Optional.empty(), retries), ProxyServerOptions.builder());

        HttpResponse<String> response = client.send(request(proxy), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as("the silent first try times out after 200 ms and the retry is answered")
                .isEqualTo(200);
        assertThat(flaky.requestCount()).isEqualTo(2);
        assertThat(outcomes.next().flag()).isEqualTo(ResponseFlag.NONE);
    }

    @Test
    void perTryTimeoutWithoutRetryLeftAnswers504() throws Exception {
        ScriptedStatusUpstream silent = closer.register(ScriptedStatusUpstream.start("silent", ScriptedStatusUpstream.HANG));
        ManualClock clock = new ManualClock();
        RetryPolicy retries = new RetryPolicy(1, Optional.of(Duration.ofMillis(100)), EnumSet.of(Condition.FIVE_XX),
                Set.of(), RetryPolicy.DEFAULT_BACKOFF, false, true);
        ProxyServer proxy = start(silent, policy(Optional.empty(), retries),
                ProxyServerOptions.builder().clock(clock).tickets(bound -> 0));

        CompletableFuture<HttpResponse<String>> response = client.sendAsync(request(proxy), HttpResponse.BodyHandlers.ofString());
        clock.awaitPending(1, Duration.ofSeconds(5));
        clock.advance(Duration.ofMillis(100));
        // back-off of 0, then the retry's own per-try timer
        awaitRequests(silent, 2);
        clock.awaitPending(1, Duration.ofSeconds(5));
        clock.advance(Duration.ofMillis(100));

        HttpResponse<String> answered = response.get(5, TimeUnit.SECONDS);
        assertThat(answered.statusCode()).isEqualTo(504);
        assertThat(answered.body()).isEqualTo("upstream request timeout");
        assertThat(outcomes.next().flag()).as("the last try timed out").isEqualTo(ResponseFlag.UT);
        assertThat(silent.requestCount()).as("1 try + 1 retry").isEqualTo(2);
    }

    @Test
    void routeTimeoutAfterTheHeadClosesTheClientConnection() throws Exception {
        try (ScriptedUpstream stalling = ScriptedUpstream.replyingAndStayingOpen(
                "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial")) {
            ProxyServer proxy = closer.register(ProxyServer.start(RoutingTables.builder()
                            .cluster(HOST, endpoint("127.0.0.1", stalling.port(), 1))
                            .routeWithPolicy(PORT, "*", "/", HOST,
                                    policy(Optional.of(Duration.ofMillis(300)), RetryPolicy.ISTIO_DEFAULT)).holder(),
                    ProxyServerOptions.builder().ephemeralPorts(true).workerThreads(1).build(), outcomes));

            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", proxy.boundPort(PORT))) {
                socket.setSoTimeout(5_000);
                socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: slow.local\r\n\r\n"
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String received = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);

                assertThat(received).as("the head and the first bytes went out before the timeout")
                        .startsWith("HTTP/1.1 200 OK").endsWith("partial");
            }
            assertThat(outcomes.next().flag()).as("Envoy's route timeout covers the whole response: the client "
                    + "connection is closed when it expires mid-body").isEqualTo(ResponseFlag.UT);
        }
    }

    private static void awaitRequests(ScriptedStatusUpstream upstream, int count) throws InterruptedException {
        upstream.awaitRequests(count, Duration.ofSeconds(5));
    }
}
