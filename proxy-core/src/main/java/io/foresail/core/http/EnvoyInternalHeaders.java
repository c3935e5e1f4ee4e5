package io.foresail.core.http;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Envoy's internal headers ({@code x-envoy-*}). An Istio ingress gateway is an edge proxy: Envoy
 * removes every {@code x-envoy-} header a client sends before routing, so that a client can
 * neither match routes on them nor pass them to the upstream (e.g. a forged
 * {@code x-envoy-original-path}).
 */
public final class EnvoyInternalHeaders {

    /** The path as received, sent upstream when a route rewrote it. */
    public static final AsciiString ORIGINAL_PATH = AsciiString.cached("x-envoy-original-path");

    /** On proxied responses: milliseconds from sending the request upstream to its response head. */
    public static final AsciiString UPSTREAM_SERVICE_TIME = AsciiString.cached("x-envoy-upstream-service-time");

    private static final String PREFIX = "x-envoy-";

    private EnvoyInternalHeaders() {
    }

    /** Removes every header whose name starts with {@code x-envoy-} (any case); allocates nothing when there is none. */
    public static void strip(HttpHeaders headers) {
        if (headers.isEmpty()) {
            return;
        }
        Iterator<Map.Entry<CharSequence, CharSequence>> entries = headers.iteratorCharSequence();
        while (entries.hasNext()) {
            if (isInternal(entries.next().getKey())) {
                removeAll(headers);
                return;
            }
        }
    }

    private static void removeAll(HttpHeaders headers) {
        Iterator<Map.Entry<CharSequence, CharSequence>> entries = headers.iteratorCharSequence();
        List<CharSequence> names = new ArrayList<>(2);
        while (entries.hasNext()) {
            CharSequence name = entries.next().getKey();
            if (isInternal(name)) {
                names.add(name);
            }
        }
        names.forEach(headers::remove);
    }

    static boolean isInternal(CharSequence name) {
        return name.length() >= PREFIX.length() && AsciiString.regionMatches(name, true, 0, PREFIX, 0, PREFIX.length());
    }
}
