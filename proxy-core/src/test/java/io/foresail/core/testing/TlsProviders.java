package io.foresail.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.foresail.tls.context.TlsProvider;
import io.netty.handler.ssl.OpenSsl;

/** For tests run once per TLS provider: OpenSSL only where netty-tcnative loads. */
public final class TlsProviders {

    private TlsProviders() {
    }

    /** Skips the test when {@code provider} is {@link TlsProvider#OPENSSL} and BoringSSL does not load here. */
    public static TlsProvider available(TlsProvider provider) {
        assumeTrue(provider != TlsProvider.OPENSSL || OpenSsl.isAvailable(), "netty-tcnative does not load here");
        return provider;
    }
}
