package io.foresail.core.proxy;

import io.foresail.core.http.ForwardedHeaderNames;
import io.foresail.core.http.HopByHopHeaders;
import io.foresail.core.router.RequestTargets;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;

/**
 * Turns a downstream request head into the head sent upstream, in place (no copy): HTTP/1.1,
 * origin-form target with the normalised path, {@code host} kept (or taken from an absolute-form
 * target), hop-by-hop headers removed, {@code expect: 100-continue} removed (the proxy answers it), the body re-framed
 * as chunked when it arrived chunked, {@code x-forwarded-for}
 * appended with the client address, {@code x-forwarded-proto} set ({@code https} over TLS), and {@code x-request-id}
 * generated when absent.
 */
final class RequestHeadRewriter {

    private static final AsciiString HTTP_SCHEME = AsciiString.cached("http");
    private static final AsciiString HTTPS_SCHEME = AsciiString.cached("https");

    private RequestHeadRewriter() {
    }

    /**
     * @param request       the decoded downstream head; modified in place
     * @param target        the request target as routed (normalised path, query as received),
     *                      origin-form or absolute-form; sent upstream in origin-form
     * @param authority     the authority the request was routed by (Host, or the absolute-form authority)
     * @param absoluteForm  whether the request target was absolute-form
     * @param chunked       whether the downstream body is chunked (read before stripping)
     * @param clientAddress the downstream peer's IP address
     */
    static void rewrite(HttpRequest request, String target, String authority, boolean absoluteForm, boolean chunked,
                        String clientAddress) {
        rewrite(request, target, authority, absoluteForm, chunked, clientAddress, false);
    }

    /** As {@link #rewrite(HttpRequest, String, String, boolean, boolean, String)}; {@code secure}: the request came over TLS. */
    static void rewrite(HttpRequest request, String target, String authority, boolean absoluteForm, boolean chunked,
                        String clientAddress, boolean secure) {
        HttpHeaders headers = request.headers();
        HopByHopHeaders.strip(headers);
        if (headers.containsValue(HttpHeaderNames.EXPECT, HttpHeaderValues.CONTINUE, true)) {
            headers.remove(HttpHeaderNames.EXPECT);
        }
        if (chunked) {
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        String originForm = RequestTargets.originForm(target);
        if (!originForm.equals(request.uri())) {
            request.setUri(originForm);
        }
        if (absoluteForm) {
            headers.set(HttpHeaderNames.HOST, authority);
        } else if (!headers.contains(HttpHeaderNames.HOST)) {
            headers.set(HttpHeaderNames.HOST, authority);
        }
        request.setProtocolVersion(HttpVersion.HTTP_1_1);
        String forwardedFor = headers.get(ForwardedHeaderNames.X_FORWARDED_FOR);
        headers.set(ForwardedHeaderNames.X_FORWARDED_FOR,
                forwardedFor == null || forwardedFor.isEmpty() ? clientAddress : forwardedFor + ", " + clientAddress);
        headers.set(ForwardedHeaderNames.X_FORWARDED_PROTO, secure ? HTTPS_SCHEME : HTTP_SCHEME);
        if (!headers.contains(ForwardedHeaderNames.X_REQUEST_ID)) {
            headers.set(ForwardedHeaderNames.X_REQUEST_ID, RequestIds.next());
        }
    }
}
