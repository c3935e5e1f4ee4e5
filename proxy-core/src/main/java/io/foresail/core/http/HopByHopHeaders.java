package io.foresail.core.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.List;

/**
 * Removes the headers that describe one connection rather than the message (RFC 9110 §7.6.1),
 * before a message is forwarded to the next hop: {@code connection} and every header it names,
 * {@code keep-alive}, {@code proxy-connection}, {@code te} (except {@code trailers}),
 * {@code transfer-encoding}, {@code upgrade}, and the proxy credentials
 * {@code proxy-authorization}/{@code proxy-authenticate} (hop-by-hop in RFC 2616 §13.5.1).
 *
 * <p>Framing is not decided here: callers read keep-alive and chunking before stripping and
 * set {@code transfer-encoding: chunked} again when they re-frame the body.
 */
public final class HopByHopHeaders {

    public static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");

    private HopByHopHeaders() {
    }

    /** Strips hop-by-hop headers from {@code headers} in place. */
    public static void strip(HttpHeaders headers) {
        if (headers.contains(HttpHeaderNames.CONNECTION)) {
            List<String> values = headers.getAll(HttpHeaderNames.CONNECTION);
            headers.remove(HttpHeaderNames.CONNECTION);
            for (String value : values) {
                removeNominated(headers, value);
            }
        }
        headers.remove(HttpHeaderNames.KEEP_ALIVE);
        headers.remove(PROXY_CONNECTION);
        headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
        headers.remove(HttpHeaderNames.UPGRADE);
        headers.remove(HttpHeaderNames.PROXY_AUTHORIZATION);
        headers.remove(HttpHeaderNames.PROXY_AUTHENTICATE);
        String te = headers.get(HttpHeaderNames.TE);
        if (te != null) {
            headers.remove(HttpHeaderNames.TE);
            if (containsToken(te, HttpHeaderValues.TRAILERS)) {
                headers.set(HttpHeaderNames.TE, HttpHeaderValues.TRAILERS);
            }
        }
    }

    /** Removes each header named in a comma-separated {@code connection} value. */
    private static void removeNominated(HttpHeaders headers, String connectionValue) {
        int length = connectionValue.length();
        int start = 0;
        while (start < length) {
            int comma = connectionValue.indexOf(',', start);
            int end = comma < 0 ? length : comma;
            String token = connectionValue.substring(start, end).trim();
            if (!token.isEmpty() && !isProtected(token)) {
                headers.remove(token);
            }
            start = end + 1;
        }
    }

    /** Headers a client must not be able to remove by naming them in {@code connection}. */
    private static boolean isProtected(String name) {
        return HttpHeaderNames.HOST.contentEqualsIgnoreCase(name)
                || HttpHeaderNames.CONTENT_LENGTH.contentEqualsIgnoreCase(name)
                || ForwardedHeaderNames.X_FORWARDED_FOR.contentEqualsIgnoreCase(name)
                || ForwardedHeaderNames.X_REQUEST_ID.contentEqualsIgnoreCase(name);
    }

    /** True when the comma-separated {@code value} contains {@code token}, ignoring case and spaces. */
    static boolean containsToken(String value, AsciiString token) {
        int length = value.length();
        int start = 0;
        while (start < length) {
            int comma = value.indexOf(',', start);
            int end = comma < 0 ? length : comma;
            int from = start;
            int to = end;
            while (from < to && value.charAt(from) == ' ') {
                from++;
            }
            while (to > from && value.charAt(to - 1) == ' ') {
                to--;
            }
            if (to - from == token.length() && token.regionMatches(true, 0, value, from, to - from)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }
}
