package io.foresail.core.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;

/**
 * Responses the proxy makes itself (no route, no upstream, bad request), shaped like Envoy's so
 * clients of an Istio gateway see the same thing: {@code server: istio-envoy}, a
 * {@code content-length}, and {@code content-type: text/plain} when there is a body.
 */
public final class LocalReplies {

    /** Envoy's body when the cluster has no endpoint. */
    public static final String NO_HEALTHY_UPSTREAM = "no healthy upstream";
    /** Envoy's body when connecting to the upstream failed. */
    public static final String CONNECT_FAILURE =
            "upstream connect error or disconnect/reset before headers. reset reason: connection failure";
    /** Envoy's body when the upstream closed before sending a response head. */
    public static final String CONNECTION_TERMINATION =
            "upstream connect error or disconnect/reset before headers. reset reason: connection termination";
    /** Envoy's body when the upstream response could not be parsed. */
    public static final String PROTOCOL_ERROR =
            "upstream connect error or disconnect/reset before headers. reset reason: protocol error";

    /** Envoy's body when the route timeout or a per-try timeout expired before the response. */
    public static final String UPSTREAM_TIMEOUT = "upstream request timeout";

    public static final AsciiString SERVER_NAME = AsciiString.cached("istio-envoy");

    private LocalReplies() {
    }

    /**
     * Envoy's wording of a reset {@code body} ({@code … reset reason: …}) once the request was
     * retried: {@code … retried and the latest reset reason: …}.
     */
    public static String afterRetries(String body) {
        return body.replace("before headers. reset reason:", "before headers. retried and the latest reset reason:");
    }

    /**
     * A complete response with {@code status} and {@code body} (empty for none). The caller owns
     * the returned message and must write or release it. {@code close} adds {@code connection: close}.
     */
    public static FullHttpResponse of(ByteBufAllocator allocator, HttpResponseStatus status, String body, boolean close) {
        ByteBuf content;
        if (body.isEmpty()) {
            content = allocator.buffer(0, 0);
        } else {
            byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
            content = allocator.buffer(bytes.length).writeBytes(bytes);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        if (!body.isEmpty()) {
            headers.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
        }
        headers.set(HttpHeaderNames.SERVER, SERVER_NAME);
        if (close) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }

    /**
     * A redirect with {@code status} to {@code location} and an empty body, as Envoy's
     * {@code require_tls} answers. The caller owns the returned message.
     */
    public static FullHttpResponse redirect(ByteBufAllocator allocator, HttpResponseStatus status, String location,
                                            boolean close) {
        FullHttpResponse response = of(allocator, status, "", close);
        response.headers().set(HttpHeaderNames.LOCATION, location);
        return response;
    }
}
