package io.foresail.config.model;

import java.util.List;
import java.util.Objects;

/**
 * A Gateway server's {@code tls} block (ServerTLSSettings). Strings are empty when not written;
 * an unwritten {@code mode} means {@code PASSTHROUGH}.
 */
public record ServerTls(boolean httpsRedirect, String mode, String serverCertificate, String privateKey,
                        String caCertificates, String caCrl, String credentialName, List<String> credentialNames,
                        List<String> subjectAltNames, String minProtocolVersion, String maxProtocolVersion,
                        List<String> cipherSuites) {

    public ServerTls {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(serverCertificate, "serverCertificate");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(caCertificates, "caCertificates");
        Objects.requireNonNull(caCrl, "caCrl");
        Objects.requireNonNull(credentialName, "credentialName");
        credentialNames = List.copyOf(credentialNames);
        subjectAltNames = List.copyOf(subjectAltNames);
        Objects.requireNonNull(minProtocolVersion, "minProtocolVersion");
        Objects.requireNonNull(maxProtocolVersion, "maxProtocolVersion");
        cipherSuites = List.copyOf(cipherSuites);
    }

}
