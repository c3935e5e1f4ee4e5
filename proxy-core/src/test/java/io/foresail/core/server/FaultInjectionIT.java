package io.foresail.core.server;

import static io.foresail.core.testing.RoutingTables.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.foresail.config.table.FaultPolicy;
import io.foresail.config.table.HeaderRewrites;
import io.foresail.config.table.Percentage;
import io.foresail.config.table.RouteFilters;
import io.foresail.core.http.ResponseFlag;
import io.foresail.core.proxy.ExchangeOutcome;
import io.foresail.core.testing.Closer;
import io.foresail.core.testing.ManualClock;
import io.foresail.core.testing.Outcomes;
import io.foresail.core.testing.RawHttpClient;
import io.foresail.core.testing.RoutingTables;
import io.foresail.core.testing.StubUpstream;
import io.foresail.core.time.ProxyClock;
import io.foresail.core.upstream.TicketSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A route's {@code fault} over real sockets: raw client → proxy → stub upstream. Delays run on a
 * {@link ManualClock} (one test uses the system clock), draws come from scripted tickets.
 */
class FaultInjectionIT {

    private static final int GATEWAY_PORT = 8086;
    private static final Duration DELAY = Duration.ofSeconds(5);

    @RegisterExtension
    final Closer closer = new Closer();

    private final Outcomes outcomes = new Outcomes();
    private final ManualClock clock = new ManualClock();
    private final ConcurrentLinkedQueue<Integer> tickets = new ConcurrentLinkedQueue<>();
    private StubUpstream upstream;

    private static FaultPolicy abort(Percentage percentage) {
        return new FaultPolicy(Optional.empty(), Optional.of(new FaultPolicy.Abort(503, Optional.empty(), percentage)));
    }

    private static FaultPolicy delay(Duration fixedDelay) {
        return new FaultPolicy(Optional.of(new FaultPolicy.Delay(fixedDelay, Percentage.ALWAYS)), Optional.empty());
    }

    /** A proxy on {@code clock} whose only route forwards to the stub with {@code fault}. */
    private RawHttpClient proxyWith(FaultPolicy fault, ProxyClock proxyClock) throws Exception {
        return proxyWith(fault, proxyClock, TransportKind.AUTO);
    }

    private RawHttpClient proxyWith(FaultPolicy fault, ProxyClock proxyClock, TransportKind transport) throws Exception {
        upstream = closer.register(StubUpstream.start("web"));
        RoutingTables tables = RoutingTables.builder()
                .cluster("web.example", endpoint("127.0.0.1", upstream.port(), 1))
                .route(GATEWAY_PORT, "example.com", "/", "web.example",
                        new RouteFilters(HeaderRewrites.NONE, Optional.empty(), Optional.of(fault)));
        TicketSource scripted = bound -> {
            Integer ticket = tickets.poll();
            if (ticket == null) {
                throw new AssertionError("unexpected draw (bound " + bound + ")");
            }
            return ticket;
        };
        ProxyServer proxy = closer.register(ProxyServer.start(tables.holder(), ProxyServerOptions.builder()
                .ephemeralPorts(true).workerThreads(1).transport(transport).clock(proxyClock).tickets(scripted).build(),
                outcomes));
        return closer.register(new RawHttpClient(proxy.boundPort(GATEWAY_PORT)));
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: example.com\r\n\r\n";
    }

    @Test
    void abortAtHundredPercentAnswersWithoutContactingTheUpstream() throws Exception {
        RawHttpClient client = proxyWith(abort(Percentage.ALWAYS), clock);

        RawHttpClient.Response response = client.exchange(get("/a"));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.bodyText()).isEqualTo("fault filter abort");
        assertThat(response.header("content-type")).isEqualTo("text/plain");
        ExchangeOutcome outcome = outcomes.next();
        assertThat(outcome.flag()).isEqualTo(ResponseFlag.FI);
        assertThat(outcome.status()).isEqualTo(503);
        assertThat(upstream.requests()).isEmpty();
        assertThat(upstream.connectionCount()).as("no upstream connection either").isZero();
    }

    @Test
    void abortAtZeroPercentForwards() throws Exception {
        RawHttpClient client = proxyWith(abort(Percentage.NEVER), clock);

        RawHttpClient.Response response = client.exchange(get("/a"));

        assertThat(response.bodyText()).isEqualTo("web /a");
        assertThat(outcomes.next().flag()).isEqualTo(ResponseFlag.NONE);
        assertThat(upstream.requests()).hasSize(1);
    }

    @Test
    void abortAtFiftyPercentAbortsTheRequestsWhoseTicketFallsInside() throws Exception {
        RawHttpClient client = proxyWith(abort(Percentage.ofPercent(50)), clock);
        tickets.add(0);
        tickets.add(999_999);
        tickets.add(499_999);

        int first = client.exchange(get("/1")).status();
        int second = client.exchange(get("/2")).status();
        int third = client.exchange(get("/3")).status();

        assertThat(new int[] {first, second, third}).as("tickets 0 and 499999 abort, 999999 does not")
                .containsExactly(503, 200, 503);
        assertThat(upstream.requests()).singleElement().extracting(StubUpstream.Recorded::uri).isEqualTo("/2");
    }

    @Test
    void delayedRequestIsForwardedOnlyOnceTheClockAdvances() throws Exception {
        RawHttpClient client = proxyWith(delay(DELAY), clock);

        client.send(get("/slow"));
        clock.awaitPending(1, Duration.ofSeconds(5));
        assertThat(upstream.requests()).as("nothing forwarded while the delay runs").isEmpty();
        clock.advance(DELAY);
        RawHttpClient.Response response = client.read();

        assertThat(response.bodyText()).isEqualTo("web /slow");
        assertThat(outcomes.next().flag()).as("the delay is the only thing flagged").isEqualTo(ResponseFlag.DI);
    }

    @Test
    void delayOnTheSystemClockTakesAtLeastTheDelay() throws Exception {
        Duration fixedDelay = Duration.ofMillis(300);
        RawHttpClient client = proxyWith(delay(fixedDelay), ProxyClock.system());

        long started = System.nanoTime();
        RawHttpClient.Response response = client.exchange(get("/timed"));
        long elapsed = System.nanoTime() - started;

        assertThat(response.status()).isEqualTo(200);
        assertThat(Duration.ofNanos(elapsed)).as("time to the response").isGreaterThanOrEqualTo(fixedDelay);
    }

    @Test
    void bodySentDuringTheDelayReachesTheUpstreamIntact() throws Exception {
        RawHttpClient client = proxyWith(delay(DELAY), clock);
        byte[] body = new byte[512 * 1024];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31 + (i >>> 9));
        }
        byte[] head = ("POST /upload HTTP/1.1\r\nHost: example.com\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);

        // the proxy stops reading once the first chunks are held, so the client may block writing
        CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
            try {
                client.send(head);
                client.send(body);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        clock.awaitPending(1, Duration.ofSeconds(5));
        assertThat(upstream.requests()).isEmpty();
        clock.advance(DELAY);
        sent.get(10, TimeUnit.SECONDS);
        RawHttpClient.Response response = client.read();

        assertThat(response.bodyText()).isEqualTo("web /upload");
        assertThat(upstream.requests()).singleElement().satisfies(recorded -> {
            assertThat(recorded.bodyLength()).isEqualTo(body.length);
            assertThat(recorded.bodySha256()).as("same bytes, in order").isEqualTo(StubUpstream.sha256(body));
        });
        assertThat(outcomes.next().flag()).isEqualTo(ResponseFlag.DI);
    }

    @ParameterizedTest
    @EnumSource(value = TransportKind.class, names = {"NIO", "EPOLL", "IO_URING"})
    void clientClosingDuringTheDelayEndsTheExchangeWithoutReachingTheUpstream(TransportKind transport) throws Exception {
        assumeTrue(transport != TransportKind.EPOLL || io.netty.channel.epoll.Epoll.isAvailable(), "epoll not available here");
        assumeTrue(transport != TransportKind.IO_URING || io.netty.channel.uring.IoUring.isAvailable(),
                "io_uring not available here");
        RawHttpClient client = proxyWith(delay(DELAY), clock, transport);

        client.send(get("/gone"));
        clock.awaitPending(1, Duration.ofSeconds(5));
        client.close();

        assertThat(outcomes.next().flag()).isEqualTo(ResponseFlag.DC);
        assertThat(clock.pending()).as("the delay timer was cancelled").isZero();
        clock.advance(DELAY);
        assertThat(upstream.requests()).isEmpty();
        assertThat(upstream.connectionCount()).isZero();
    }
}
