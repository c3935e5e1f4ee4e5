package io.foresail.config.model;

import java.util.Objects;

/**
 * Istio's {@code HTTPRedirect} as written.
 *
 * @param uri           {@code uri}, empty when not written
 * @param prefixRewrite {@code prefixRewrite}, empty when not written
 * @param authority     {@code authority}, empty when not written
 * @param port          {@code port}, 0 when not written
 * @param derivePort    {@code derivePort} as written ({@code FROM_PROTOCOL_DEFAULT} or {@code FROM_REQUEST_PORT}),
 *                      empty when not written
 * @param scheme        {@code scheme}, empty when not written
 * @param redirectCode  {@code redirectCode}, 0 when not written (301)
 */
public record HttpRedirect(String uri, String prefixRewrite, String authority, int port, String derivePort,
                           String scheme, int redirectCode) {

    public static final String FROM_PROTOCOL_DEFAULT = "FROM_PROTOCOL_DEFAULT";
    public static final String FROM_REQUEST_PORT = "FROM_REQUEST_PORT";

    public HttpRedirect {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(prefixRewrite, "prefixRewrite");
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(derivePort, "derivePort");
        Objects.requireNonNull(scheme, "scheme");
    }
}
