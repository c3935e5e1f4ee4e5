package io.foresail.config.table;

import io.foresail.config.model.Headers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles Istio's {@code headers} of a route or destination: names lower-cased once, and a
 * request {@code set}/{@code add} of {@code host} or {@code :authority} taken out as the authority
 * to send upstream (Istio turns it into Envoy's host rewrite, not a header operation).
 */
final class HeaderRewritesTranslator {

    private HeaderRewritesTranslator() {
    }

    static HeaderRewrites translate(Headers headers) {
        if (headers.equals(Headers.NONE)) {
            return HeaderRewrites.NONE;
        }
        Optional<String> authority = authority(headers.request().set())
                .or(() -> authority(headers.request().add()));
        return new HeaderRewrites(operations(headers.request(), true), operations(headers.response(), false), authority);
    }

    private static HeaderOperations operations(io.foresail.config.model.HeaderOperations written, boolean request) {
        return new HeaderOperations(headers(written.set(), request), headers(written.add(), request),
                written.remove().stream().map(name -> name.toLowerCase(Locale.ROOT)).toList());
    }

    private static List<HeaderOperations.Header> headers(Map<String, String> written, boolean request) {
        List<HeaderOperations.Header> headers = new ArrayList<>();
        written.forEach((name, value) -> {
            if (!(request && isAuthority(name))) {
                headers.add(new HeaderOperations.Header(name.toLowerCase(Locale.ROOT), value));
            }
        });
        return headers;
    }

    private static Optional<String> authority(Map<String, String> written) {
        return written.entrySet().stream().filter(entry -> isAuthority(entry.getKey())).map(Map.Entry::getValue).findFirst();
    }

    private static boolean isAuthority(String name) {
        return name.equalsIgnoreCase("host") || name.equalsIgnoreCase(":authority");
    }
}
