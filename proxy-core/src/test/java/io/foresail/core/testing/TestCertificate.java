package io.foresail.core.testing;

import io.foresail.config.table.CertificateFiles;
import io.foresail.config.table.ServerTlsSettings;
import io.foresail.config.table.TlsVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * A self-signed server certificate for {@code subject} (Netty's {@link SelfSignedCertificate}, files
 * in a temporary folder), the {@link ServerTlsSettings} naming its files, and a server
 * {@link SslContext} built from it directly. Close to delete the files.
 */
public final class TestCertificate implements AutoCloseable {

    private final SelfSignedCertificate certificate;
    private final ServerTlsSettings settings;
    private final SslContext serverContext;

    private TestCertificate(SelfSignedCertificate certificate) throws SSLException {
        this.certificate = certificate;
        this.settings = new ServerTlsSettings(new CertificateFiles(certificate.certificate().toPath(),
                certificate.privateKey().toPath(), Optional.empty(), "test " + certificate.cert().getSubjectX500Principal()),
                Optional.empty(), TlsVersion.TLS_AUTO, TlsVersion.TLS_AUTO, List.of());
        this.serverContext = SslContextBuilder.forServer(certificate.key(), certificate.cert()).build();
    }

    /** A certificate whose subject is {@code CN=<fqdn>}. */
    public static TestCertificate of(String fqdn) throws CertificateException, SSLException {
        return new TestCertificate(new SelfSignedCertificate(fqdn));
    }

    /** {@code CN=<fqdn>}, as {@link X509Certificate#getSubjectX500Principal()} names it. */
    public String subject() {
        return certificate.cert().getSubjectX500Principal().getName();
    }

    public X509Certificate certificate() {
        return certificate.cert();
    }

    public java.security.PrivateKey privateKey() {
        return certificate.key();
    }

    public ServerTlsSettings settings() {
        return settings;
    }

    public SslContext serverContext() {
        return serverContext;
    }

    @Override
    public void close() {
        certificate.delete();
    }
}
