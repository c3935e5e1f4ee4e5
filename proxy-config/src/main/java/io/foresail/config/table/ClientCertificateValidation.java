package io.foresail.config.table;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a terminating server checks client certificates ({@code MUTUAL}, {@code OPTIONAL_MUTUAL}).
 * A certificate must chain to {@code caCertificates} (and not be revoked), carry one of
 * {@code subjectAltNames} when any are given, and match one of the pins when any are given (either
 * list: {@code verifyCertificateSpki} or {@code verifyCertificateHash}), as Envoy's
 * {@code CertificateValidationContext}: SANs AND (SPKI OR hash).
 *
 * @param caCertificates        PEM bundle of the CAs a client certificate must chain to
 * @param crl                   PEM revocation list, if any
 * @param subjectAltNames       accepted client SANs; empty accepts any
 * @param required              true for {@code MUTUAL} (no certificate: handshake refused), false for
 *                              {@code OPTIONAL_MUTUAL} (requested, verified when sent)
 * @param verifyCertificateSpki accepted public keys: base64 SHA-256 of the leaf's DER SubjectPublicKeyInfo
 * @param verifyCertificateHash accepted certificates: hex SHA-256 of the leaf's DER encoding (colons allowed)
 */
public record ClientCertificateValidation(Path caCertificates, Optional<Path> crl, List<String> subjectAltNames,
                                          boolean required, List<String> verifyCertificateSpki,
                                          List<String> verifyCertificateHash) {

    public ClientCertificateValidation {
        Objects.requireNonNull(caCertificates, "caCertificates");
        Objects.requireNonNull(crl, "crl");
        subjectAltNames = List.copyOf(subjectAltNames);
        verifyCertificateSpki = List.copyOf(verifyCertificateSpki);
        verifyCertificateHash = List.copyOf(verifyCertificateHash);
    }

    /** Without certificate pins. */
    public ClientCertificateValidation(Path caCertificates, Optional<Path> crl, List<String> subjectAltNames,
                                       boolean required) {
        this(caCertificates, crl, subjectAltNames, required, List.of(), List.of());
    }

    /** True when {@code verifyCertificateSpki} or {@code verifyCertificateHash} names any certificate. */
    public boolean pinned() {
        return !verifyCertificateSpki.isEmpty() || !verifyCertificateHash.isEmpty();
    }
}
