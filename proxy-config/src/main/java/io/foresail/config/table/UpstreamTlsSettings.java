package io.foresail.config.table;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS origination to a cluster's endpoints, from a DestinationRule's {@code trafficPolicy.tls}
 * ({@code SIMPLE} or {@code MUTUAL}).
 *
 * @param clientCertificate  the certificate presented to the upstream ({@code MUTUAL}), or empty
 * @param caCertificates     CAs the upstream certificate must chain to; empty: the JDK trust store
 * @param sni                SNI to send; empty: the request's Host (without port), as Istio's auto SNI
 * @param subjectAltNames    accepted upstream SANs; empty: the SNI sent is verified as host name
 * @param insecureSkipVerify no verification of the upstream certificate at all
 * @param crl                PEM revocation list ({@code caCrl}, or a credential's {@code crl}/{@code ca.crl}):
 *                           every certificate of the upstream chain must be covered and not revoked
 */
public record UpstreamTlsSettings(Optional<CertificateFiles> clientCertificate, Optional<Path> caCertificates,
                                  String sni, List<String> subjectAltNames, boolean insecureSkipVerify,
                                  Optional<Path> crl) {

    public UpstreamTlsSettings {
        Objects.requireNonNull(clientCertificate, "clientCertificate");
        Objects.requireNonNull(caCertificates, "caCertificates");
        Objects.requireNonNull(sni, "sni");
        subjectAltNames = List.copyOf(subjectAltNames);
        Objects.requireNonNull(crl, "crl");
    }

    /** Without a revocation list. */
    public UpstreamTlsSettings(Optional<CertificateFiles> clientCertificate, Optional<Path> caCertificates,
                               String sni, List<String> subjectAltNames, boolean insecureSkipVerify) {
        this(clientCertificate, caCertificates, sni, subjectAltNames, insecureSkipVerify, Optional.empty());
    }
}
