package io.foresail.core.proxy;

import io.foresail.core.http.HopByHopHeaders;
import io.foresail.core.http.LocalReplies;
import io.foresail.core.http.ServerHeader;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Turns an upstream response head into the head sent downstream, in place: hop-by-hop headers
 * removed, {@code server} as the {@link ServerHeader} setting says ({@code istio-envoy} by default, as
 * Envoy's overwrite), and framing chosen for
 * the client: {@code content-length} kept when known, otherwise chunked for HTTP/1.1 clients and
 * close-delimited for HTTP/1.0 clients.
 */
final class ResponseHeadRewriter {

    private ResponseHeadRewriter() {
    }

    /**
     * @param response         the decoded upstream head; modified in place
     * @param bodyless         whether no body can follow (HEAD request, 204, 304)
     * @param clientHttp10     whether the client spoke HTTP/1.0
     * @param closeRequested   whether the downstream connection must close after this response already
     * @return whether the downstream connection must close after this response
     */
    static boolean rewrite(HttpResponse response, boolean bodyless, boolean clientHttp10, boolean closeRequested) {
        return rewrite(response, bodyless, clientHttp10, closeRequested, ServerHeader.OVERWRITE);
    }

    /** As above, with {@code serverHeader} deciding the {@code server} header. */
    static boolean rewrite(HttpResponse response, boolean bodyless, boolean clientHttp10, boolean closeRequested,
                           ServerHeader serverHeader) {
        HttpHeaders headers = response.headers();
        boolean hasLength = headers.contains(HttpHeaderNames.CONTENT_LENGTH);
        HopByHopHeaders.strip(headers);
        response.setProtocolVersion(HttpVersion.HTTP_1_1);
        if (serverHeader == ServerHeader.OVERWRITE
                || serverHeader == ServerHeader.APPEND_IF_ABSENT && !headers.contains(HttpHeaderNames.SERVER)) {
            headers.set(HttpHeaderNames.SERVER, LocalReplies.SERVER_NAME);
        }
        boolean close = closeRequested;
        if (!bodyless && !hasLength) {
            if (clientHttp10) {
                close = true;
            } else {
                headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            }
        }
        if (close) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (clientHttp10) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        return close;
    }

    /** Statuses that never carry a body, whatever their headers say. */
    static boolean isBodyless(HttpResponseStatus status) {
        int code = status.code();
        return code == 204 || code == 304 || (code >= 100 && code < 200);
    }
}
