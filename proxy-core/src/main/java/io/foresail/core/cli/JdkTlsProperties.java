package io.foresail.core.cli;

import java.util.Map;
import java.util.Properties;

/**
 * JDK TLS settings the proxy needs from its JDK provider (SunJSSE), as system properties. SunJSSE
 * reads them once, when its handshake classes load, so they must be set before the first TLS
 * context is built: {@link Main} sets them first thing. A value the user set ({@code -D...}) is kept.
 *
 * <ul>
 *   <li>{@value #REJECT_CLIENT_RENEGOTIATION}: refuse client-initiated TLS 1.2 renegotiation, a
 *       cheap way for a client to make the server do handshake work again and again (BoringSSL,
 *       the other provider, and Envoy refuse it).</li>
 * </ul>
 */
final class JdkTlsProperties {

    static final String REJECT_CLIENT_RENEGOTIATION = "jdk.tls.rejectClientInitiatedRenegotiation";

    private static final Map<String, String> DEFAULTS = Map.of(REJECT_CLIENT_RENEGOTIATION, "true");

    private JdkTlsProperties() {
    }

    /** Sets in {@code system} (the JVM's system properties) every property it does not have yet. */
    static void install(Properties system) {
        DEFAULTS.forEach((name, value) -> {
            if (system.getProperty(name) == null) {
                system.setProperty(name, value);
            }
        });
    }
}
