package io.foresail.config.table;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS termination for one Gateway server ({@code SIMPLE}, {@code MUTUAL}, {@code OPTIONAL_MUTUAL}),
 * compiled: files resolved, versions parsed. {@code proxy-tls} turns it into a server SSL context;
 * equal settings (and equal file contents) share one context.
 *
 * @param certificate      the server certificate and key
 * @param clientValidation client certificate checks, or empty for {@code SIMPLE}
 * @param minVersion       minimum protocol version ({@link TlsVersion#TLS_AUTO}: TLS 1.2)
 * @param maxVersion       maximum protocol version ({@link TlsVersion#TLS_AUTO}: TLS 1.3)
 * @param cipherSuites     allowed TLS 1.2 cipher suites by OpenSSL name, as Envoy takes them; empty: the default list
 */
public record ServerTlsSettings(CertificateFiles certificate, Optional<ClientCertificateValidation> clientValidation,
                                TlsVersion minVersion, TlsVersion maxVersion, List<String> cipherSuites) {

    public ServerTlsSettings {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(clientValidation, "clientValidation");
        Objects.requireNonNull(minVersion, "minVersion");
        Objects.requireNonNull(maxVersion, "maxVersion");
        cipherSuites = List.copyOf(cipherSuites);
    }
}
