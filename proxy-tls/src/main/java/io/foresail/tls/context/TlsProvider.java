package io.foresail.tls.context;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.util.Locale;

/**
 * Which TLS implementation builds the contexts. {@link #AUTO} takes OpenSSL (BoringSSL from
 * {@code netty-tcnative-boringssl-static}) when its native library loads on this machine, else the JDK.
 */
public enum TlsProvider {
    /** OpenSSL when available, else the JDK. */
    AUTO,
    /** BoringSSL through netty-tcnative; an error when it does not load. */
    OPENSSL,
    /** The JDK's own TLS (SunJSSE). */
    JDK;

    /** The Netty provider this choice resolves to on this machine. */
    public SslProvider sslProvider() {
        switch (this) {
            case OPENSSL:
                if (!OpenSsl.isAvailable()) {
                    throw new IllegalStateException("TLS provider OPENSSL: netty-tcnative does not load here ("
                            + OpenSsl.unavailabilityCause() + "); use AUTO or JDK");
                }
                return SslProvider.OPENSSL;
            case JDK:
                return SslProvider.JDK;
            default:
                return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        }
    }

    /** Parses a flag value ({@code auto}, {@code openssl}, {@code jdk}; any case). */
    public static TlsProvider fromFlag(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("TLS provider: " + value + " (expected: auto, openssl or jdk)", e);
        }
    }
}
