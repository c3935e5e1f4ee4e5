package io.foresail.core.http;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Objects;

/**
 * Checks a decoded request head before it is routed, and says how to refuse it when the proxy
 * must answer it itself whatever the routes say. Pure functions: nothing here throws on a bad head.
 *
 * <ul>
 *   <li>{@code CONNECT}: not supported, so, as an Envoy without CONNECT configured, no route
 *       matches: 404 {@code NR}. Tunnel bytes may follow the head, so the connection closes.
 * </ul>
 */
public final class RequestHeadChecks {

    /**
     * How to refuse a request head: {@code status} with an empty body, recording {@code flag};
     * the connection always closes after the reply.
     */
    public record Rejection(HttpResponseStatus status, ResponseFlag flag) {
        public Rejection {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(flag, "flag");
        }
    }

    /** CONNECT: no route, as Envoy answers it when CONNECT is not configured. */
    public static final Rejection CONNECT_NOT_ROUTED = new Rejection(HttpResponseStatus.NOT_FOUND, ResponseFlag.NR);

    private RequestHeadChecks() {
    }

    /** The rejection of {@code request}, or {@code null} when it may be routed. */
    public static Rejection check(HttpRequest request) {
        if (HttpMethod.CONNECT.equals(request.method())) {
            return CONNECT_NOT_ROUTED;
        }
        return null;
    }
}
