package io.foresail.core.router;

import io.foresail.config.table.Cluster;
import io.foresail.config.table.HeaderOperations;
import io.foresail.config.table.Route;
import io.foresail.config.table.WeightedDestination;
import io.foresail.core.http.LocalReplies;
import io.foresail.core.http.ResponseFlag;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.OptionalInt;

/** What to do with one request: forward it to a cluster, answer it locally, or redirect it. */
public sealed interface RouteDecision {

    /**
     * Send the request to {@code cluster}, chosen as {@code destination} of {@code route}.
     * The cluster may have no endpoints; the load balancer turns that into 503 {@code UH}.
     */
    record Forward(Route route, WeightedDestination destination, Cluster cluster) implements RouteDecision {
        public Forward {
            Objects.requireNonNull(route, "route");
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(cluster, "cluster");
        }
    }

    /** An answer made by the proxy itself, without an upstream. */
    sealed interface Reply extends RouteDecision permits LocalReply, Redirect, DirectResponse, FaultAbort {

        HttpResponseStatus status();

        /** The response flag recorded for this answer. */
        ResponseFlag flag();

        /** The response to write; {@code close} adds {@code connection: close}. */
        FullHttpResponse toResponse(ByteBufAllocator allocator, boolean close);
    }

    /** Answer with {@code status} and {@code body} (empty for none), recording {@code flag}. */
    record LocalReply(HttpResponseStatus status, ResponseFlag flag, String body) implements Reply {
        public LocalReply {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(flag, "flag");
            Objects.requireNonNull(body, "body");
        }

        @Override
        public FullHttpResponse toResponse(ByteBufAllocator allocator, boolean close) {
            return LocalReplies.of(allocator, status, body, close);
        }
    }

    /**
     * Answer with {@code status} (301 for Envoy's {@code require_tls}) and {@code location},
     * with an empty body; nothing unusual happened ({@link ResponseFlag#NONE}).
     */
    record Redirect(HttpResponseStatus status, String location, HeaderOperations responseHeaders) implements Reply {
        public Redirect {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(responseHeaders, "responseHeaders");
        }

        /** A redirect without response header operations. */
        public Redirect(HttpResponseStatus status, String location) {
            this(status, location, HeaderOperations.NONE);
        }

        @Override
        public ResponseFlag flag() {
            return ResponseFlag.NONE;
        }

        @Override
        public FullHttpResponse toResponse(ByteBufAllocator allocator, boolean close) {
            FullHttpResponse response = LocalReplies.redirect(allocator, status, location, close);
            HeaderMutations.apply(responseHeaders, response.headers());
            return response;
        }
    }

    /**
     * Istio's {@code directResponse}: {@code status} and the route's compiled {@code body}, wrapped
     * without copying, with {@code content-type: text/plain} when there is a body (as Envoy's local
     * replies), then the route's {@code responseHeaders} operations; nothing unusual happened
     * ({@link ResponseFlag#NONE}). To a HEAD request the server codec sends the head alone.
     */
    record DirectResponse(HttpResponseStatus status, ByteBuffer body, HeaderOperations responseHeaders) implements Reply {
        public DirectResponse {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(responseHeaders, "responseHeaders");
        }

        @Override
        public ResponseFlag flag() {
            return ResponseFlag.NONE;
        }

        @Override
        public FullHttpResponse toResponse(ByteBufAllocator allocator, boolean close) {
            int length = body.remaining();
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body.duplicate()));
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, length);
            if (length > 0) {
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
            }
            response.headers().set(HttpHeaderNames.SERVER, LocalReplies.SERVER_NAME);
            if (close) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
            HeaderMutations.apply(responseHeaders, response.headers());
            return response;
        }
    }

    /**
     * Istio's {@code fault.abort} ({@link ResponseFlag#FI}), answered as Envoy's fault filter does
     * through its local reply: {@code status} with the body {@value #BODY} ({@code text/plain}), or,
     * for a gRPC request ({@code grpcStatus} present), a trailers-only gRPC answer: HTTP 200,
     * {@code content-type: application/grpc}, {@code grpc-status} and {@code grpc-message} in the
     * head, no body. The response header operations of the forward's destination, then its route,
     * apply as for the route's other answers.
     *
     * @param status     the HTTP status written (200 for a gRPC answer)
     * @param grpcStatus the {@code grpc-status} of a gRPC answer, or empty for a plain one
     * @param forward    the decision whose response header operations apply
     */
    record FaultAbort(HttpResponseStatus status, OptionalInt grpcStatus, Forward forward) implements Reply {

        /** Envoy's local reply body (and gRPC message) for an injected abort. */
        public static final String BODY = "fault filter abort";
        private static final AsciiString GRPC_STATUS = AsciiString.cached("grpc-status");
        private static final AsciiString GRPC_MESSAGE = AsciiString.cached("grpc-message");
        private static final AsciiString GRPC_CONTENT_TYPE = AsciiString.cached("application/grpc");

        public FaultAbort {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(grpcStatus, "grpcStatus");
            Objects.requireNonNull(forward, "forward");
        }

        @Override
        public ResponseFlag flag() {
            return ResponseFlag.FI;
        }

        @Override
        public FullHttpResponse toResponse(ByteBufAllocator allocator, boolean close) {
            FullHttpResponse response;
            if (grpcStatus.isPresent()) {
                response = LocalReplies.of(allocator, status, "", close);
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, GRPC_CONTENT_TYPE)
                        .set(GRPC_STATUS, grpcStatus.getAsInt())
                        .set(GRPC_MESSAGE, BODY);
            } else {
                response = LocalReplies.of(allocator, status, BODY, close);
            }
            HeaderMutations.apply(forward.destination().headers().response(), response.headers());
            HeaderMutations.apply(forward.route().filters().headers().response(), response.headers());
            return response;
        }
    }
}
