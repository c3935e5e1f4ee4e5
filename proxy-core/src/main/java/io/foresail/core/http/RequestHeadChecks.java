package io.foresail.core.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.Objects;

/**
 * Checks a decoded request head before it is routed, and says how to refuse it when the proxy
 * must answer it itself whatever the routes say. Pure functions: nothing here throws on a bad
 * head, and a head that passes has headers the rest of the exchange can read without throwing.
 *
 * <ul>
 *   <li>the decoder failed (bad syntax, oversized line or head, conflicting framing):
 *       400/414/431 {@code DPE} ({@link MalformedRequests});
 *   <li>{@code CONNECT}: not supported, so, as an Envoy without CONNECT configured, no route
 *       matches: 404 {@code NR}. Tunnel bytes may follow the head, so the connection closes;
 *   <li>a request target that is not origin-form ({@code /path}), absolute-form
 *       ({@code http://…}, {@code https://…}) or, for {@code OPTIONS} only, asterisk-form
 *       ({@code *}) (RFC 9112 §3.2): 400 {@code DPE}. {@code OPTIONS *} itself is routed: no path
 *       route matches it, so it gets 404 {@code NR} unless a regex route matches {@code *};
 *   <li>HTTP/1.1 without {@code host} (unless the target is absolute-form), more than one
 *       {@code host} line, or a {@code host} that cannot be an authority (RFC 9112 §3.2):
 *       400 {@code DPE};
 *   <li>{@code content-length} that is not exactly one non-negative decimal number: 400 {@code DPE}.
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
    /** A head that is not valid HTTP/1.1 beyond what the decoder checks. */
    public static final Rejection BAD_REQUEST = new Rejection(HttpResponseStatus.BAD_REQUEST, ResponseFlag.DPE);

    /** Digits of the largest {@code long}; a longer content-length cannot be one. */
    private static final int MAX_LENGTH_DIGITS = 19;

    private RequestHeadChecks() {
    }

    /**
     * The rejection of {@code request}, or {@code null} when it may be routed.
     *
     * @param absoluteForm whether the request target is absolute-form ({@code http://…} or
     *                     {@code https://…}; it then carries the authority)
     */
    public static Rejection check(HttpRequest request, boolean absoluteForm) {
        if (request.decoderResult().isFailure()) {
            return new Rejection(MalformedRequests.status(request.decoderResult().cause()), ResponseFlag.DPE);
        }
        if (HttpMethod.CONNECT.equals(request.method())) {
            return CONNECT_NOT_ROUTED;
        }
        if (!absoluteForm && !isOriginOrAsteriskForm(request.method(), request.uri())) {
            return BAD_REQUEST;
        }
        List<String> hosts = request.headers().getAll(HttpHeaderNames.HOST);
        if (hosts.size() > 1 || (hosts.size() == 1 && !isAuthority(hosts.get(0)))) {
            return BAD_REQUEST;
        }
        if (hosts.isEmpty() && !absoluteForm && !request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
            return BAD_REQUEST;
        }
        List<String> lengths = request.headers().getAll(HttpHeaderNames.CONTENT_LENGTH);
        if (lengths.size() > 1 || (lengths.size() == 1 && parseLength(lengths.get(0)) < 0)) {
            return BAD_REQUEST;
        }
        return null;
    }

    /**
     * The body length {@code request} declares with {@code content-length}, or -1 when it
     * declares none or an invalid one. Never throws.
     */
    public static long declaredLength(HttpRequest request) {
        String value = request.headers().get(HttpHeaderNames.CONTENT_LENGTH);
        return value == null ? -1 : parseLength(value);
    }

    /** {@code /…} for any method, {@code *} for {@code OPTIONS}. */
    private static boolean isOriginOrAsteriskForm(HttpMethod method, String target) {
        return (!target.isEmpty() && target.charAt(0) == '/')
                || (target.equals("*") && HttpMethod.OPTIONS.equals(method));
    }

    /**
     * Whether {@code host} may be {@code uri-host [":" port]} (RFC 3986): unreserved characters,
     * percent-encoding, sub-delimiters, {@code :} and the brackets of an IP literal; empty is allowed.
     * Rejects what would let one Host mean different authorities to different parsers: whitespace,
     * controls, {@code / ? # @ \}, non-ASCII.
     */
    static boolean isAuthority(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~%!$&'()*+,;=:[]".indexOf(c) >= 0;
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** A non-negative decimal number of at most 19 digits that fits a {@code long}, else -1. */
    private static long parseLength(String value) {
        int length = value.length();
        if (length == 0 || length > MAX_LENGTH_DIGITS) {
            return -1;
        }
        long result = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            result = result * 10 + (c - '0');
            if (result < 0) {
                return -1;
            }
        }
        return result;
    }
}
