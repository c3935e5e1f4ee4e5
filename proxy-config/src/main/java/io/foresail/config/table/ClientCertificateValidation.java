package io.foresail.config.table;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a terminating server checks client certificates ({@code MUTUAL}, {@code OPTIONAL_MUTUAL}).
 *
 * @param caCertificates  PEM bundle of the CAs a client certificate must chain to
 * @param crl             PEM revocation list, if any
 * @param subjectAltNames accepted client SANs; empty accepts any
 * @param required        true for {@code MUTUAL} (no certificate: handshake refused), false for
 *                        {@code OPTIONAL_MUTUAL} (requested, verified when sent)
 */
public record ClientCertificateValidation(Path caCertificates, Optional<Path> crl, List<String> subjectAltNames,
                                          boolean required) {

    public ClientCertificateValidation {
        Objects.requireNonNull(caCertificates, "caCertificates");
        Objects.requireNonNull(crl, "crl");
        subjectAltNames = List.copyOf(subjectAltNames);
    }
}
