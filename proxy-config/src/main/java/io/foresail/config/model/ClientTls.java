package io.foresail.config.model;

import java.util.List;
import java.util.Objects;

/**
 * A DestinationRule's {@code tls} block (ClientTLSSettings): how the proxy opens TLS to a
 * service's endpoints. Strings are empty when not written; an unwritten {@code mode} means {@code DISABLE}.
 */
public record ClientTls(String mode, String clientCertificate, String privateKey, String caCertificates,
                        String caCrl, String credentialName, List<String> subjectAltNames, String sni,
                        boolean insecureSkipVerify) {

    public ClientTls {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(clientCertificate, "clientCertificate");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(caCertificates, "caCertificates");
        Objects.requireNonNull(caCrl, "caCrl");
        Objects.requireNonNull(credentialName, "credentialName");
        subjectAltNames = List.copyOf(subjectAltNames);
        Objects.requireNonNull(sni, "sni");
    }

    /** The mode as Istio reads it: {@code DISABLE} when not written. */
    public String effectiveMode() {
        return mode.isEmpty() ? "DISABLE" : mode;
    }
}
