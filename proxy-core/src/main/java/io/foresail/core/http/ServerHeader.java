package io.foresail.core.http;

import java.util.Locale;

/**
 * What happens to the {@code server} header of proxied responses, as Envoy's
 * {@code server_header_transformation}: Istio's gateway overwrites it with {@code istio-envoy}.
 * The proxy's own answers always say {@code server: istio-envoy}.
 */
public enum ServerHeader {
    /** Replace the upstream's value with {@code istio-envoy} (Envoy's and Istio's default). */
    OVERWRITE,
    /** Keep the upstream's value; {@code istio-envoy} when it sent none. */
    APPEND_IF_ABSENT,
    /** Keep whatever the upstream sent, including nothing. */
    PASS_THROUGH;

    /** The value of {@code --server-header}: {@code overwrite}, {@code append-if-absent} or {@code pass-through}. */
    public static ServerHeader fromFlag(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
