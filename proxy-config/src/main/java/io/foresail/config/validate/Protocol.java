package io.foresail.config.validate;

import java.util.Locale;

/** Istio port protocol names, parsed case-insensitively; anything else is {@link #UNSUPPORTED}. */
public enum Protocol {
    HTTP, HTTPS, HTTP2, HTTP_PROXY, GRPC, GRPC_WEB, TCP, UDP, TLS, MONGO, REDIS, MYSQL, UNSUPPORTED;

    public static Protocol parse(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.equals("GRPC-WEB")) {
            return GRPC_WEB;
        }
        if (upper.equals("GRPC_WEB") || upper.isEmpty()) {
            return UNSUPPORTED;
        }
        try {
            return valueOf(upper);
        } catch (IllegalArgumentException e) {
            return UNSUPPORTED;
        }
    }

    /** HTTP-family: served by an HTTP connection manager. */
    public boolean isHttp() {
        return this == HTTP || this == HTTP2 || this == HTTP_PROXY || this == GRPC || this == GRPC_WEB;
    }

    /** TLS-family: HTTPS and TLS. */
    public boolean isTls() {
        return this == HTTPS || this == TLS;
    }
}
