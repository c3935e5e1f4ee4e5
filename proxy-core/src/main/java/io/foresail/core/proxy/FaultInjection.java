package io.foresail.core.proxy;

import io.foresail.config.table.FaultPolicy;
import io.foresail.config.table.Percentage;
import io.foresail.core.http.DownstreamReads;
import io.foresail.core.router.RouteDecision;
import io.foresail.core.time.ProxyClock;
import io.foresail.core.upstream.TicketSource;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayDeque;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Envoy's fault filter for one request of a forwarding route with an Istio {@code fault}: what was
 * drawn for it, and the delay while it runs. The delay and the abort are drawn independently, the
 * delay first, each with one ticket in {@code [0, }{@link Percentage#SCALE}{@code )} (none for 0%
 * or 100%). As Envoy, a drawn delay comes first and a drawn abort follows it; the abort is a local
 * reply and the upstream is never contacted.
 *
 * <p>While delaying, body chunks that arrive are held in order, and downstream reads are suspended
 * ({@link DownstreamReads.Reason#FAULT_DELAY}) until the last chunk has arrived, so what is held is
 * at most one read's worth. With the whole request read, reads stay on: a client closing is then
 * noticed at once, and a pipelined request is held by the pipelining gate as usual.
 *
 * <p>Ownership: a chunk taken by {@link #hold} is handed on by {@link #replayHeld} or released by
 * {@link #cancel}. Runs on the downstream channel's event loop only.
 */
final class FaultInjection {

    private final long delayNanos;
    private final RouteDecision.FaultAbort abort;
    private DownstreamReads reads;
    private ProxyClock.Timer timer;
    private ArrayDeque<HttpContent> held;
    private boolean delaying;

    private FaultInjection(long delayNanos, RouteDecision.FaultAbort abort) {
        this.delayNanos = delayNanos;
        this.abort = abort;
    }

    /**
     * Draws the route's fault for one request: null when neither a delay nor an abort was drawn.
     *
     * @param requestHeaders the request head as received (a gRPC request gets a gRPC abort)
     */
    static FaultInjection draw(RouteDecision.Forward forward, HttpHeaders requestHeaders, TicketSource tickets) {
        FaultPolicy policy = forward.route().filters().fault().orElse(null);
        if (policy == null) {
            return null;
        }
        long delayNanos = 0;
        FaultPolicy.Delay delay = policy.delay().orElse(null);
        if (delay != null && tickets.draws(delay.percentage())) {
            delayNanos = Math.max(0, delay.fixedDelay().toNanos());
        }
        RouteDecision.FaultAbort abort = null;
        FaultPolicy.Abort abortPolicy = policy.abort().orElse(null);
        if (abortPolicy != null && tickets.draws(abortPolicy.percentage())) {
            abort = abortReply(abortPolicy, isGrpc(requestHeaders), forward);
        }
        return delayNanos == 0 && abort == null ? null : new FaultInjection(delayNanos, abort);
    }

    /** Whether a delay was drawn; it then comes before anything else. */
    boolean delays() {
        return delayNanos > 0;
    }

    /** The abort drawn, or null: forward the request (after the delay, if any). */
    RouteDecision.FaultAbort abort() {
        return abort;
    }

    /**
     * Starts the delay: {@code elapsed} runs on {@code loop} once it is over, unless {@link #cancel}
     * came first. Reads stop meanwhile when {@code bodyToCome}.
     */
    void delay(EventExecutor loop, ProxyClock clock, DownstreamReads downstreamReads, boolean bodyToCome,
               Runnable elapsed) {
        reads = downstreamReads;
        delaying = true;
        if (bodyToCome) {
            reads.suspend(DownstreamReads.Reason.FAULT_DELAY);
        }
        timer = clock.schedule(loop, () -> {
            if (delaying) {
                delaying = false;
                timer = null;
                elapsed.run();
            }
        }, delayNanos);
    }

    /** Whether the request is waiting out its delay (chunks arriving now are held, and counted when replayed). */
    boolean delaying() {
        return delaying;
    }

    /** Takes a request body chunk that arrived during the delay; false (not taken) when not delaying. */
    boolean hold(HttpContent content) {
        if (!delaying) {
            return false;
        }
        if (held == null) {
            held = new ArrayDeque<>(4);
        }
        held.add(content);
        if (content instanceof LastHttpContent) {
            reads.resume(DownstreamReads.Reason.FAULT_DELAY);
        }
        return true;
    }

    /** After the delay: hands the held chunks, in order, to {@code next}, then lets the client send again. */
    void replayHeld(Consumer<HttpContent> next) {
        if (held != null) {
            HttpContent content;
            while ((content = held.poll()) != null) {
                next.accept(content);
            }
        }
        reads.resume(DownstreamReads.Reason.FAULT_DELAY);
    }

    /** Ends the fault whatever its state: a pending delay never fires, held chunks are released, reads resume. */
    void cancel() {
        delaying = false;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        if (held != null) {
            HttpContent content;
            while ((content = held.poll()) != null) {
                content.release();
            }
        }
        if (reads != null) {
            reads.resume(DownstreamReads.Reason.FAULT_DELAY);
        }
    }

    /**
     * Envoy's fault abort: an HTTP status wins over a gRPC one; a gRPC request gets a gRPC answer
     * (the configured code, else the HTTP status mapped as Envoy's {@code httpToGrpcStatus}), and a
     * {@code grpcStatus} abort of a plain HTTP request is a plain 200.
     */
    private static RouteDecision.FaultAbort abortReply(FaultPolicy.Abort abort, boolean grpcRequest,
                                                       RouteDecision.Forward forward) {
        boolean httpStatus = abort.grpcStatus().isEmpty();
        int status = httpStatus ? abort.httpStatus() : HttpResponseStatus.OK.code();
        if (!grpcRequest) {
            return new RouteDecision.FaultAbort(HttpResponseStatus.valueOf(status), OptionalInt.empty(), forward);
        }
        int grpcStatus = httpStatus ? grpcStatusOf(status) : abort.grpcStatus().get();
        return new RouteDecision.FaultAbort(HttpResponseStatus.OK, OptionalInt.of(grpcStatus), forward);
    }

    /** Envoy's {@code Grpc::Common::isGrpcRequestHeaders}: {@code application/grpc}, alone or followed by {@code +} or {@code ;}. */
    static boolean isGrpc(HttpHeaders requestHeaders) {
        String contentType = requestHeaders.get(HttpHeaderNames.CONTENT_TYPE);
        String grpc = "application/grpc";
        return contentType != null && contentType.startsWith(grpc)
                && (contentType.length() == grpc.length() || contentType.charAt(grpc.length()) == '+'
                || contentType.charAt(grpc.length()) == ';');
    }

    /** Envoy's {@code Grpc::Utility::httpToGrpcStatus} (gRPC's HTTP-to-gRPC status mapping). */
    private static int grpcStatusOf(int httpStatus) {
        switch (httpStatus) {
            case 400:
                return 13; // INTERNAL
            case 401:
                return 16; // UNAUTHENTICATED
            case 403:
                return 7; // PERMISSION_DENIED
            case 404:
                return 12; // UNIMPLEMENTED
            case 429:
            case 502:
            case 503:
            case 504:
                return 14; // UNAVAILABLE
            default:
                return 2; // UNKNOWN
        }
    }
}
