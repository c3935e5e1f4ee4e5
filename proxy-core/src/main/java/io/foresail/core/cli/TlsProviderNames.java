package io.foresail.core.cli;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;

/** The TLS implementation in use, as the ready line names it. */
final class TlsProviderNames {

    private TlsProviderNames() {
    }

    /** {@code OpenSSL (BoringSSL)} for netty-tcnative, {@code JDK} for the JDK's own TLS. */
    static String describe(SslProvider provider) {
        if (provider == SslProvider.JDK) {
            return "JDK";
        }
        return "OpenSSL (" + OpenSsl.versionString() + ")";
    }
}
