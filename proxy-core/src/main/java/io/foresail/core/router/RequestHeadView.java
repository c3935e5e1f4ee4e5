package io.foresail.core.router;

import io.foresail.config.table.RequestView;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Iterator;
import java.util.Objects;

/**
 * A decoded HTTP/1.1 request head as route matching sees it, without copying headers. Besides
 * the real headers it answers Envoy's pseudo-headers, as Istio header matches may name them:
 * {@code :method}, {@code :authority}, {@code :path} (with query) and {@code :scheme}.
 */
public final class RequestHeadView implements RequestView {

    private final HttpMethod method;
    private final String authority;
    private final String target;
    private final String path;
    private final HttpHeaders headers;
    private final boolean secure;
    private String query;
    private boolean queryComputed;

    /**
     * @param method    the request method
     * @param authority the Host value (or absolute-form authority), possibly with a port
     * @param target    the request target as received (with query)
     * @param path      the path without query
     * @param headers   the request headers
     * @param secure    whether the request arrived over TLS ({@code :scheme} {@code https})
     */
    public RequestHeadView(HttpMethod method, String authority, String target, String path, HttpHeaders headers,
                           boolean secure) {
        this.method = Objects.requireNonNull(method, "method");
        this.authority = Objects.requireNonNull(authority, "authority");
        this.target = Objects.requireNonNull(target, "target");
        this.path = Objects.requireNonNull(path, "path");
        this.headers = Objects.requireNonNull(headers, "headers");
        this.secure = secure;
    }

    /** A request that arrived in plaintext ({@code :scheme} {@code http}). */
    public RequestHeadView(HttpMethod method, String authority, String target, String path, HttpHeaders headers) {
        this(method, authority, target, path, headers, false);
    }

    /** Whether the request arrived over TLS. */
    public boolean secure() {
        return secure;
    }

    /** The request target as routed, in origin-form: the path with its query ({@code :path}). */
    public String originFormTarget() {
        return RequestTargets.originForm(target);
    }

    public HttpMethod method() {
        return method;
    }

    public String authority() {
        return authority;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String header(String lowerCaseName) {
        if (!lowerCaseName.isEmpty() && lowerCaseName.charAt(0) == ':') {
            switch (lowerCaseName) {
                case ":method":
                    return method.name();
                case ":authority":
                    return authority;
                case ":path":
                    return RequestTargets.originForm(target);
                case ":scheme":
                    return secure ? "https" : "http";
                default:
                    return null;
            }
        }
        return joinedValues(lowerCaseName);
    }

    /**
     * All values of a header joined with {@code ,}, as Envoy's header matchers see a repeated
     * header; the single value itself (no copy) in the common case.
     */
    private String joinedValues(String lowerCaseName) {
        Iterator<String> values = headers.valueStringIterator(lowerCaseName);
        if (!values.hasNext()) {
            return null;
        }
        values.next();
        if (!values.hasNext()) {
            return headers.get(lowerCaseName);
        }
        return String.join(",", headers.getAll(lowerCaseName)); // getAll keeps the order received
    }

    /**
     * The text between the first {@code ?} of the target and any {@code #}: {@code /a?x=1#f} →
     * {@code x=1}; {@code http://h?x} → {@code x} (an authority holds neither character). Computed
     * on the first call, only for routes with query conditions, then kept; {@code null},
     * allocating nothing, when the target has no query.
     */
    @Override
    public String query() {
        if (!queryComputed) {
            query = rawQuery();
            queryComputed = true;
        }
        return query;
    }

    private String rawQuery() {
        int length = target.length();
        for (int i = 0; i < length; i++) {
            char c = target.charAt(i);
            if (c == '#') {
                return null;
            }
            if (c == '?') {
                int end = target.indexOf('#', i + 1);
                return target.substring(i + 1, end < 0 ? length : end);
            }
        }
        return null;
    }
}
