package io.foresail.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.config.table.CorsPolicy;
import io.foresail.config.table.FaultPolicy;
import io.foresail.config.table.HeaderOperations;
import io.foresail.config.table.HeaderRewrites;
import io.foresail.config.table.Percentage;
import io.foresail.config.table.RouteFilters;
import io.foresail.config.table.StringMatch;
import io.foresail.core.http.DownstreamReads;
import io.foresail.core.http.PipelinedRequestGate;
import io.foresail.core.http.ResponseFlag;
import io.foresail.core.pool.OffLoopResolverGroup;
import io.foresail.core.pool.UpstreamSettings;
import io.foresail.core.router.Router;
import io.foresail.core.testing.ManualClock;
import io.foresail.core.testing.RoutingTables;
import io.foresail.core.upstream.TicketSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A route's {@code fault} in the downstream pipeline ({@link EmbeddedChannel}), byte for byte, with
 * scripted tickets and a {@link ManualClock}. The routes' cluster has no endpoint, so a request
 * that is forwarded gets 503 {@code UH}: any other answer was made by the fault filter.
 */
class ProxyHandlerFaultTest {

    private static final int PORT = 8080;
    private static final Duration DELAY = Duration.ofSeconds(2);
    private static final String NO_HEALTHY_UPSTREAM = "HTTP/1.1 503 Service Unavailable\r\ncontent-length: 19\r\n"
            + "content-type: text/plain\r\nserver: istio-envoy\r\n\r\nno healthy upstream";
    private static final String THROTTLE_ABORT = "HTTP/1.1 429 Too Many Requests\r\ncontent-length: 18\r\n"
            + "content-type: text/plain\r\nserver: istio-envoy\r\n\r\nfault filter abort";

    private final List<ExchangeOutcome> outcomes = new ArrayList<>();
    private final ProxyCounters counters = new ProxyCounters();
    private final ManualClock clock = new ManualClock();
    private final ArrayDeque<Integer> tickets = new ArrayDeque<>();
    private final List<Integer> bounds = new ArrayList<>();

    private static FaultPolicy abort(int httpStatus, Percentage percentage) {
        return new FaultPolicy(Optional.empty(), Optional.of(new FaultPolicy.Abort(httpStatus, Optional.empty(), percentage)));
    }

    private static FaultPolicy grpcAbort(int grpcStatus) {
        return new FaultPolicy(Optional.empty(),
                Optional.of(new FaultPolicy.Abort(0, Optional.of(grpcStatus), Percentage.ALWAYS)));
    }

    private static FaultPolicy delay(Optional<FaultPolicy.Abort> abort) {
        return new FaultPolicy(Optional.of(new FaultPolicy.Delay(DELAY, Percentage.ALWAYS)), abort);
    }

    private static RouteFilters fault(FaultPolicy policy) {
        return new RouteFilters(HeaderRewrites.NONE, Optional.empty(), Optional.of(policy));
    }

    /** Scripted draws: each call takes the next ticket and records its bound; none left fails the test. */
    private TicketSource scripted() {
        return bound -> {
            bounds.add(bound);
            Integer ticket = tickets.poll();
            if (ticket == null) {
                throw new AssertionError("unexpected draw (bound " + bound + ")");
            }
            return ticket;
        };
    }

    private EmbeddedChannel channel(RouteFilters filters) {
        return channel(RoutingTables.builder().cluster("empty.example")
                .route(PORT, "example.com", "/", "empty.example", filters));
    }

    private EmbeddedChannel channel(RoutingTables tables) {
        EmbeddedChannel channel = new EmbeddedChannel();
        ProxyContext context = new ProxyContext(tables.holder(), new Router(bound -> 0), outcomes::add, counters,
                clock, scripted());
        EventLoopUpstreams upstreams = EventLoopUpstreams.create(channel.eventLoop(), NioSocketChannel.class,
                new UpstreamSettings(Duration.ofSeconds(1), Duration.ofSeconds(60), 8192, 60 * 1024, 65536),
                new OffLoopResolverGroup(Runnable::run), counters);
        DownstreamReads reads = new DownstreamReads(channel);
        channel.pipeline().addLast(new HttpServerCodec(), new PipelinedRequestGate(reads),
                new ProxyHandler(context, upstreams, PORT, reads));
        return channel;
    }

    private static void send(EmbeddedChannel channel, String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
    }

    private static String written(EmbeddedChannel channel) {
        channel.runPendingTasks();
        StringBuilder text = new StringBuilder();
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            text.append(buf.toString(StandardCharsets.ISO_8859_1));
            buf.release();
        }
        return text.toString();
    }

    @Test
    void abortAnswersWithItsStatusAndEnvoysBodyWithoutForwarding() {
        EmbeddedChannel channel = channel(fault(abort(429, Percentage.ALWAYS)));

        send(channel, "GET /x HTTP/1.1\r\nHost: example.com\r\n\r\n");

        assertThat(written(channel)).as("the fault's answer, not the cluster's 503 UH").isEqualTo(THROTTLE_ABORT);
        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.status()).isEqualTo(429);
            assertThat(outcome.flag()).isEqualTo(ResponseFlag.FI);
        });
        assertThat(bounds).as("100%% draws no ticket").isEmpty();
        assertThat(channel.isOpen()).as("keep-alive after the abort").isTrue();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void abortAtZeroPercentDrawsNoTicketAndForwards() {
        EmbeddedChannel channel = channel(fault(abort(429, Percentage.NEVER)));

        send(channel, "GET /x HTTP/1.1\r\nHost: example.com\r\n\r\n");

        assertThat(written(channel)).isEqualTo(NO_HEALTHY_UPSTREAM);
        assertThat(bounds).isEmpty();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void abortAtFiftyPercentAbortsExactlyTheTicketsBelowHalfTheScale() {
        EmbeddedChannel channel = channel(fault(abort(429, Percentage.ofPercent(50))));
        tickets.add(499_999);
        tickets.add(500_000);

        send(channel, "GET /x HTTP/1.1\r\nHost: example.com\r\n\r\n");
        String first = written(channel);
        send(channel, "GET /x HTTP/1.1\r\nHost: example.com\r\n\r\n");
        String second = written(channel);

        assertThat(first).as("ticket 499999 < 500000 ppm: aborted").isEqualTo(THROTTLE_ABORT);
        assertThat(second).as("ticket 500000: forwarded").isEqualTo(NO_HEALTHY_UPSTREAM);
        assertThat(bounds).as("one draw per request, over parts per million").containsExactly(Percentage.SCALE, Percentage.SCALE);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void abortAppliesTheRouteResponseHeaderOperations() {
        HeaderOperations response = new HeaderOperations(List.of(new HeaderOperations.Header("x-route", "yes")),
                List.of(), List.of());
        EmbeddedChannel channel = channel(new RouteFilters(new HeaderRewrites(HeaderOperations.NONE, response, Optional.empty()),
                Optional.empty(), Optional.of(abort(429, Percentage.ALWAYS))));

        send(channel, "GET /x HTTP/1.1\r\nHost: example.com\r\n\r\n");

        assertThat(written(channel)).isEqualTo("HTTP/1.1 429 Too Many Requests\r\ncontent-length: 18\r\n"
                + "content-type: text/plain\r\nserver: istio-envoy\r\nx-route: yes\r\n\r\nfault filter abort");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void abortToAnAllowedOriginGetsTheCorsHeaders() {
        CorsPolicy cors = new CorsPolicy(List.of(new StringMatch.Prefix("https://")), "", "", "", Optional.empty(),
                Optional.empty(), true);
        EmbeddedChannel channel = channel(new RouteFilters(HeaderRewrites.NONE, Optional.of(cors),
                Optional.of(abort(429, Percentage.ALWAYS))));

        send(channel, "GET /x HTTP/1.1\r\nHost: example.com\r\nOrigin: https://app.example\r\n\r\n");

        assertThat(written(channel)).as("Istio runs CORS before the fault filter, so it sees the abort")
                .isEqualTo("HTTP/1.1 429 Too Many Requests\r\ncontent-length: 18\r\ncontent-type: text/plain\r\n"
                        + "server: istio-envoy\r\naccess-control-allow-origin: https://app.example\r\n\r\nfault filter abort");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void grpcAbortOfAGrpcRequestIsATrailersOnlyAnswer() {
        EmbeddedChannel channel = channel(fault(grpcAbort(14)));

        send(channel, "POST /pkg.Service/Call HTTP/1.1\r\nHost: example.com\r\nContent-Type: application/grpc+proto\r\n"
                + "Content-Length: 0\r\n\r\n");

        assertThat(written(channel)).isEqualTo("HTTP/1.1 200 OK\r\ncontent-length: 0\r\nserver: istio-envoy\r\n"
                + "content-type: application/grpc\r\ngrpc-status: 14\r\ngrpc-message: fault filter abort\r\n\r\n");
        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.status()).isEqualTo(200);
            assertThat(outcome.flag()).isEqualTo(ResponseFlag.FI);
        });
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void httpAbortOfAGrpcRequestCarriesTheMappedGrpcStatus() {
        EmbeddedChannel channel = channel(fault(abort(503, Percentage.ALWAYS)));

        send(channel, "POST /pkg.Service/Call HTTP/1.1\r\nHost: example.com\r\nContent-Type: application/grpc\r\n"
                + "Content-Length: 0\r\n\r\n");

        assertThat(written(channel)).as("Envoy's local reply to a gRPC request: 503 maps to UNAVAILABLE")
                .isEqualTo("HTTP/1.1 200 OK\r\ncontent-length: 0\r\nserver: istio-envoy\r\n"
                        + "content-type: application/grpc\r\ngrpc-status: 14\r\ngrpc-message: fault filter abort\r\n\r\n");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void grpcAbortOfAPlainHttpRequestIsAPlain200() {
        EmbeddedChannel channel = channel(fault(grpcAbort(14)));

        send(channel, "GET /x HTTP/1.1\r\nHost: example.com\r\n\r\n");

        assertThat(written(channel)).as("Envoy: HTTP 200 for a gRPC abort, gRPC framing only for gRPC requests")
                .isEqualTo("HTTP/1.1 200 OK\r\ncontent-length: 18\r\ncontent-type: text/plain\r\n"
                        + "server: istio-envoy\r\n\r\nfault filter abort");
        assertThat(outcomes).singleElement().extracting(ExchangeOutcome::flag).isEqualTo(ResponseFlag.FI);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void delayHoldsTheRequestUntilTheClockAdvances() throws Exception {
        EmbeddedChannel channel = channel(fault(delay(Optional.empty())));

        send(channel, "GET /x HTTP/1.1\r\nHost: example.com\r\n\r\n");

        assertThat(written(channel)).as("nothing before the delay is over").isEmpty();
        assertThat(clock.pending()).isEqualTo(1);
        clock.advance(DELAY.minusMillis(1));
        assertThat(written(channel)).as("1 ms early").isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(written(channel)).as("forwarded once the delay is over").isEqualTo(NO_HEALTHY_UPSTREAM);
        assertThat(outcomes).singleElement().extracting(ExchangeOutcome::flag)
                .as("UH flagged the answer after the delay").isEqualTo(ResponseFlag.UH);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void delayThenAbortAnswersAfterTheDelay() {
        EmbeddedChannel channel = channel(fault(delay(Optional.of(new FaultPolicy.Abort(429, Optional.empty(),
                Percentage.ALWAYS)))));

        send(channel, "GET /x HTTP/1.1\r\nHost: example.com\r\n\r\n");
        assertThat(written(channel)).isEmpty();
        clock.advance(DELAY);

        assertThat(written(channel)).isEqualTo(THROTTLE_ABORT);
        assertThat(outcomes).singleElement().extracting(ExchangeOutcome::flag).isEqualTo(ResponseFlag.FI);
        assertThat(channel.isOpen()).isTrue();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void delayAndAbortAreDrawnIndependentlyDelayFirst() {
        EmbeddedChannel channel = channel(fault(new FaultPolicy(
                Optional.of(new FaultPolicy.Delay(DELAY, Percentage.ofPercent(50))),
                Optional.of(new FaultPolicy.Abort(429, Optional.empty(), Percentage.ofPercent(50))))));
        tickets.add(600_000);
        tickets.add(100_000);

        send(channel, "GET /x HTTP/1.1\r\nHost: example.com\r\n\r\n");

        assertThat(written(channel)).as("delay ticket 600000 misses, abort ticket 100000 hits").isEqualTo(THROTTLE_ABORT);
        assertThat(clock.pending()).isZero();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void bodyArrivingDuringTheDelayIsHeldWithReadsSuspendedUntilItIsComplete() {
        EmbeddedChannel channel = channel(fault(delay(Optional.empty())));

        send(channel, "POST /x HTTP/1.1\r\nHost: example.com\r\nContent-Length: 10\r\n\r\n12345");
        assertThat(channel.config().isAutoRead()).as("reads off while the body is still to come").isFalse();
        send(channel, "67890");
        assertThat(channel.config().isAutoRead()).as("whole request held: reads back on").isTrue();
        assertThat(written(channel)).isEmpty();
        clock.advance(DELAY);

        assertThat(written(channel)).as("the held body was complete: the connection is kept").isEqualTo(NO_HEALTHY_UPSTREAM);
        assertThat(channel.isOpen()).isTrue();
        assertThat(channel.finishAndReleaseAll()).as("held chunks were released").isFalse();
    }

    @Test
    void delayThenAbortWithTheBodyStillToComeClosesTheConnection() {
        EmbeddedChannel channel = channel(fault(delay(Optional.of(new FaultPolicy.Abort(429, Optional.empty(),
                Percentage.ALWAYS)))));

        send(channel, "POST /x HTTP/1.1\r\nHost: example.com\r\nContent-Length: 10\r\n\r\n12345");
        clock.advance(DELAY);

        assertThat(written(channel)).isEqualTo("HTTP/1.1 429 Too Many Requests\r\ncontent-length: 18\r\n"
                + "content-type: text/plain\r\nserver: istio-envoy\r\nconnection: close\r\n\r\nfault filter abort");
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void clientClosingDuringTheDelayCancelsTheTimerAndReleasesTheHeldBody() {
        EmbeddedChannel channel = channel(fault(delay(Optional.empty())));

        send(channel, "POST /x HTTP/1.1\r\nHost: example.com\r\nContent-Length: 10\r\n\r\n12345");
        assertThat(clock.pending()).isEqualTo(1);
        channel.close();

        assertThat(clock.pending()).as("timer cancelled").isZero();
        assertThat(outcomes).singleElement().extracting(ExchangeOutcome::flag).isEqualTo(ResponseFlag.DC);
        clock.advance(DELAY);
        assertThat(written(channel)).isEmpty();
        assertThat(channel.finishAndReleaseAll()).as("the held chunk was released, not left queued").isFalse();
    }
}
