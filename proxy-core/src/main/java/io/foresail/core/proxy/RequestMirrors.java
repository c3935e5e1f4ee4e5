package io.foresail.core.proxy;

import io.foresail.config.table.Cluster;
import io.foresail.config.table.Forward;
import io.foresail.config.table.ForwardPolicy;
import io.foresail.config.table.Mirror;
import io.foresail.core.router.RouteDecision;
import io.foresail.core.runtime.ProxySnapshot;
import io.foresail.core.upstream.UpstreamEndpoint;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The mirrors of one exchange (Envoy's {@code RequestMirrorPolicy}, Istio's {@code mirror} and
 * {@code mirrors}): which of the forwarded route's mirrors this request goes to, and the body
 * chunks of the request fanned out to them as duplicates of the buffers the primary upstream gets.
 *
 * <p>A mirror is started when its percentage draw applies and its destination has a cluster
 * (none: nothing is mirrored, and that is no error); a cluster without endpoints counts as a
 * mirror failure. The exchange only starts this once the primary cluster exists and has an
 * endpoint, as Envoy shadows only what it forwards. Every mirror gets its own copy of the head
 * as sent to the primary (after rewrites; {@code Host} unchanged, as current Istio disables
 * Envoy's {@code -shadow} suffix) and is bounded in time by the route's {@code timeout}, or
 * {@link #DEFAULT_TIMEOUT} when the route has none.
 *
 * <p>Runs on the exchange's event loop. Ownership: {@link #send} never takes the chunk it is
 * given; each mirror gets a {@link io.netty.buffer.ByteBuf#retainedDuplicate() retained duplicate}
 * (same bytes, own reader index) that it writes or releases.
 */
final class RequestMirrors {

    /** The mirrors of a request whose route mirrors nothing. */
    static final RequestMirrors NONE = new RequestMirrors(List.of());

    /** How long a mirror may take, from its start to the end of its response, when the route has no timeout. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final List<RequestMirror> mirrors;

    private RequestMirrors(List<RequestMirror> mirrors) {
        this.mirrors = mirrors;
    }

    /**
     * Starts the mirrors {@code forward}'s route has for this request.
     *
     * @param head the request head as it goes to the primary upstream, already rewritten; copied, never kept
     */
    static RequestMirrors start(ProxyContext context, EventLoopUpstreams upstreams, ProxySnapshot snapshot,
                                RouteDecision.Forward forward, HttpRequest head) {
        ForwardPolicy policy = ((Forward) forward.route().action()).policy();
        if (policy.mirrors().isEmpty()) {
            return NONE;
        }
        long timeoutNanos = policy.timeout().orElse(DEFAULT_TIMEOUT).toNanos();
        List<RequestMirror> started = new ArrayList<>(policy.mirrors().size());
        for (Mirror mirror : policy.mirrors()) {
            // Drawn first, as Envoy decides each shadow before looking its cluster up.
            if (!context.tickets().draws(mirror.percentage())) {
                continue;
            }
            Cluster cluster = mirror.destination().cluster().orElse(null);
            if (cluster == null) {
                continue;
            }
            UpstreamEndpoint endpoint = upstreams.balancers().pick(cluster);
            if (endpoint == null) {
                context.counters().mirrorRequests.increment();
                context.counters().mirrorFailures.increment();
                continue;
            }
            UpstreamTarget target = UpstreamTarget.of(snapshot, cluster, endpoint, head.headers().get(HttpHeaderNames.HOST));
            RequestMirror request = new RequestMirror(upstreams.pool(), target, copyOf(head), context.counters());
            started.add(request);
            request.start(context.clock(), timeoutNanos);
        }
        return started.isEmpty() ? NONE : new RequestMirrors(started);
    }

    /** Hands a duplicate of {@code content}, a chunk of the request body, to every mirror still going. */
    void send(HttpContent content) {
        for (int i = 0; i < mirrors.size(); i++) {
            RequestMirror mirror = mirrors.get(i);
            if (!mirror.isDone()) {
                mirror.send(duplicate(content));
            }
        }
    }

    /** The downstream read burst ended: each mirror flushes what it was given. */
    void flush() {
        for (int i = 0; i < mirrors.size(); i++) {
            mirrors.get(i).flush();
        }
    }

    /** The exchange ended before the request body did: no mirror can get the rest, so all are given up. */
    void abandon() {
        for (int i = 0; i < mirrors.size(); i++) {
            mirrors.get(i).abandon();
        }
    }

    /** An independent head with the same method, target, version and headers. */
    static HttpRequest copyOf(HttpRequest head) {
        return new DefaultHttpRequest(head.protocolVersion(), head.method(), head.uri(), head.headers().copy());
    }

    /**
     * A body chunk with the bytes of {@code content}, retained, under an independent reader index:
     * a plain chunk, or a last chunk with a copy of the trailers, never a message with a head
     * (even when {@code content} is a full request).
     */
    static HttpContent duplicate(HttpContent content) {
        if (content == LastHttpContent.EMPTY_LAST_CONTENT) {
            return LastHttpContent.EMPTY_LAST_CONTENT;
        }
        if (content instanceof LastHttpContent last) {
            LastHttpContent copy = new DefaultLastHttpContent(last.content().retainedDuplicate());
            if (!last.trailingHeaders().isEmpty()) {
                copy.trailingHeaders().set(last.trailingHeaders());
            }
            return copy;
        }
        return new DefaultHttpContent(content.content().retainedDuplicate());
    }
}
