package io.foresail.config.model;

import java.util.List;
import java.util.Objects;

/**
 * A Gateway server's {@code tls} block (ServerTLSSettings). Strings are empty when not written;
 * an unwritten {@code mode} means {@code PASSTHROUGH}.
 *
 * @param caCertCredentialName  a secret holding only the client CA (and CRL); overrides the CA of {@code credentialName}
 * @param verifyCertificateSpki accepted client public keys: base64 SHA-256 of the SubjectPublicKeyInfo, as written
 * @param verifyCertificateHash accepted client certificates: hex SHA-256 of the DER certificate, as written
 */
public record ServerTls(boolean httpsRedirect, String mode, String serverCertificate, String privateKey,
                        String caCertificates, String caCrl, String credentialName, List<String> credentialNames,
                        String caCertCredentialName, List<String> subjectAltNames, String minProtocolVersion,
                        String maxProtocolVersion, List<String> cipherSuites, List<String> verifyCertificateSpki,
                        List<String> verifyCertificateHash) {

    public ServerTls {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(serverCertificate, "serverCertificate");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(caCertificates, "caCertificates");
        Objects.requireNonNull(caCrl, "caCrl");
        Objects.requireNonNull(credentialName, "credentialName");
        credentialNames = List.copyOf(credentialNames);
        Objects.requireNonNull(caCertCredentialName, "caCertCredentialName");
        subjectAltNames = List.copyOf(subjectAltNames);
        Objects.requireNonNull(minProtocolVersion, "minProtocolVersion");
        Objects.requireNonNull(maxProtocolVersion, "maxProtocolVersion");
        cipherSuites = List.copyOf(cipherSuites);
        verifyCertificateSpki = List.copyOf(verifyCertificateSpki);
        verifyCertificateHash = List.copyOf(verifyCertificateHash);
    }

    /** The mode as Istio reads it: {@code PASSTHROUGH} when not written. */
    public String effectiveMode() {
        return mode.isEmpty() ? "PASSTHROUGH" : mode;
    }
}
