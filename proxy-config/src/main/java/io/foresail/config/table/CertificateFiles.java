package io.foresail.config.table;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A certificate chain and its private key, as PEM files: from a Gateway's
 * {@code serverCertificate}/{@code privateKey}, a {@code credentialName} secret folder, or a
 * DestinationRule's {@code clientCertificate}/{@code privateKey}.
 *
 * @param certificateChain PEM file with the leaf certificate first, then intermediates
 * @param privateKey       PEM file with the key (PKCS#1, PKCS#8 or encrypted PKCS#8)
 * @param keyPassword      file holding the password of an encrypted key, if any
 * @param source           where the pair came from, for messages ({@code credentialName bookinfo-secret}, ...)
 */
public record CertificateFiles(Path certificateChain, Path privateKey, Optional<Path> keyPassword, String source) {

    public CertificateFiles {
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(keyPassword, "keyPassword");
        Objects.requireNonNull(source, "source");
    }
}
