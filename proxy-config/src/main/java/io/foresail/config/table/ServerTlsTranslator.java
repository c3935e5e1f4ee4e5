package io.foresail.config.table;

import io.foresail.config.model.ConfigCodes;
import io.foresail.config.model.Gateway;
import io.foresail.config.model.ServerTls;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Turns a terminating Gateway server's {@code tls} ({@code SIMPLE}, {@code MUTUAL},
 * {@code OPTIONAL_MUTUAL}) into {@link ServerTlsSettings}: the key pair from
 * {@code serverCertificate}/{@code privateKey} or a {@code credentialName} secret, the client CA
 * from {@code caCertificates}, {@code caCertCredentialName} or the secret, the accepted client SANs
 * and certificate pins, versions and ciphers. A secret that cannot be found is an error naming the
 * paths looked at.
 */
final class ServerTlsTranslator {

    private final CompileContext context;
    private final SecretFolders secrets;

    ServerTlsTranslator(CompileContext context, SecretFolders secrets) {
        this.context = context;
        this.secrets = secrets;
    }

    /** The settings for the server {@code tls} at {@code tlsPath} of {@code gateway}, or empty after an error. */
    Optional<ServerTlsSettings> translate(Gateway gateway, String tlsPath, ServerTls tls) {
        String mode = tls.effectiveMode();
        String credential = credentialName(gateway, tlsPath, tls);
        Optional<CertificateFiles> certificate = credential.isEmpty()
                ? files(gateway, tlsPath, tls)
                : secretKeyPair(gateway, tlsPath + (tls.credentialName().isEmpty() ? ".credentialNames[0]" : ".credentialName"), credential);
        Optional<ClientCertificateValidation> validation = Optional.empty();
        if (!mode.equals("SIMPLE")) {
            Optional<SecretFolders.CaFiles> ca = clientCa(gateway, tlsPath, tls, credential);
            if (ca.isEmpty()) {
                return Optional.empty();
            }
            validation = Optional.of(new ClientCertificateValidation(ca.get().caCertificates(), ca.get().crl(),
                    tls.subjectAltNames(), mode.equals("MUTUAL"), tls.verifyCertificateSpki(), tls.verifyCertificateHash()));
        }
        if (certificate.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ServerTlsSettings(certificate.get(), validation, version(tls.minProtocolVersion()),
                version(tls.maxProtocolVersion()), tls.cipherSuites()));
    }

    private String credentialName(Gateway gateway, String tlsPath, ServerTls tls) {
        if (!tls.credentialName().isEmpty()) {
            return tls.credentialName();
        }
        if (tls.credentialNames().isEmpty()) {
            return "";
        }
        if (tls.credentialNames().size() > 1) {
            context.warn(gateway, tlsPath + ".credentialNames[1]", "a second certificate is not supported yet: "
                    + tls.credentialNames().get(1) + " is ignored, " + tls.credentialNames().get(0) + " is served");
        }
        return tls.credentialNames().get(0);
    }

    private Optional<CertificateFiles> files(Gateway gateway, String tlsPath, ServerTls tls) {
        Optional<Path> certificate = path(gateway, tlsPath + ".serverCertificate", tls.serverCertificate());
        Optional<Path> key = path(gateway, tlsPath + ".privateKey", tls.privateKey());
        if (certificate.isEmpty() || key.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CertificateFiles(certificate.get(), key.get(), Optional.empty(),
                "serverCertificate " + tls.serverCertificate()));
    }

    private Optional<CertificateFiles> secretKeyPair(Gateway gateway, String path, String name) {
        SecretFolders.Lookup<CertificateFiles> lookup = secrets.keyPair(name);
        if (lookup.found().isEmpty()) {
            context.error(ConfigCodes.REFERENCE_NOT_FOUND, gateway, path, secrets.notFound(name, SecretFolders.KEY_PAIR_KEYS, lookup));
        }
        return lookup.found();
    }

    private Optional<SecretFolders.CaFiles> clientCa(Gateway gateway, String tlsPath, ServerTls tls, String credential) {
        if (!tls.caCertCredentialName().isEmpty()) {
            SecretFolders.Lookup<SecretFolders.CaFiles> lookup = secrets.caIn(tls.caCertCredentialName());
            if (lookup.found().isEmpty()) {
                context.error(ConfigCodes.REFERENCE_NOT_FOUND, gateway, tlsPath + ".caCertCredentialName",
                        secrets.notFound(tls.caCertCredentialName(), SecretFolders.CA_KEYS, lookup));
            }
            return lookup.found();
        }
        if (!credential.isEmpty()) {
            SecretFolders.Lookup<SecretFolders.CaFiles> lookup = secrets.caOf(credential);
            if (lookup.found().isEmpty()) {
                context.error(ConfigCodes.REFERENCE_NOT_FOUND, gateway, tlsPath + (tls.credentialName().isEmpty() ? ".credentialNames[0]" : ".credentialName"),
                        secrets.notFound(credential, "a client CA (" + SecretFolders.CA_KEYS + ", in " + credential
                                + "-cacert or " + credential + ") for " + tls.effectiveMode(), lookup));
            }
            return lookup.found();
        }
        Optional<Path> ca = path(gateway, tlsPath + ".caCertificates", tls.caCertificates());
        Optional<Path> crl = tls.caCrl().isEmpty() ? Optional.empty() : path(gateway, tlsPath + ".caCrl", tls.caCrl());
        return ca.map(file -> new SecretFolders.CaFiles(file, crl));
    }

    private Optional<Path> path(Gateway gateway, String fieldPath, String written) {
        Optional<Path> path = WrittenPaths.resolve(gateway, fieldPath, written);
        if (path.isEmpty()) {
            context.error(gateway, fieldPath, written + " (expected: a file path)");
        }
        return path;
    }

    static TlsVersion version(String written) {
        return written.isEmpty() ? TlsVersion.TLS_AUTO : TlsVersion.valueOf(written);
    }
}
