package io.foresail.tls.context;

import io.foresail.config.table.ClientCertificateValidation;
import io.foresail.config.table.ServerTlsSettings;
import io.foresail.tls.pem.CertifiedKey;
import io.foresail.tls.pem.CertifiedKeys;
import io.foresail.tls.pem.PemFileException;
import io.foresail.tls.pem.PemFiles;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Server contexts for terminating TLS: certificate and key, protocols, cipher suites, ALPN
 * {@code http/1.1}, client certificate checks ({@code MUTUAL}: required, {@code OPTIONAL_MUTUAL}:
 * requested and verified when sent; narrowed by accepted SANs and certificate pins), session resumption (a session cache, and tickets: BoringSSL
 * issues them with its own rotating keys, the JDK issues stateless TLS 1.3 tickets by default).
 */
final class ServerContexts {

    /** ALPN: HTTP/1.1 only until HTTP/2 lands; a client offering nothing else still connects. */
    static final ApplicationProtocolConfig ALPN = new ApplicationProtocolConfig(
            ApplicationProtocolConfig.Protocol.ALPN,
            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
            ApplicationProtocolNames.HTTP_1_1);

    static final long SESSION_CACHE_SIZE = 20_480;
    static final long SESSION_TIMEOUT_SECONDS = 300;

    private ServerContexts() {
    }

    /** Builds the context, or throws {@link RejectedSettingsException} with every error found. */
    static BuiltContext build(ServerTlsSettings settings, FileContents contents, SslProvider provider, Instant now,
                              Problems problems) {
        CertifiedKey certified = null;
        try {
            certified = CertifiedKeys.load(settings.certificate(), contents.bytes(), now);
            certified.warnings().forEach(warning -> problems.warning(null, warning));
        } catch (PemFileException e) {
            problems.error(e.file(), e.fault());
        }
        List<String> protocols = TlsProtocols.between(settings.minVersion(), settings.maxVersion(), problems);
        List<String> ciphers = CipherSuites.forProvider(settings.cipherSuites(), provider, problems);
        X509ExtendedTrustManager clientTrust = settings.clientValidation().isPresent()
                ? clientTrust(settings.clientValidation().get(), contents, problems) : null;
        problems.throwIfErrors();

        SslContextBuilder builder = SslContextBuilder.forServer(certified.privateKey(), certified.chain())
                .sslProvider(provider)
                .protocols(protocols)
                .ciphers(ciphers, IdentityCipherSuiteFilter.INSTANCE)
                .applicationProtocolConfig(ALPN)
                .sessionCacheSize(SESSION_CACHE_SIZE)
                .sessionTimeout(SESSION_TIMEOUT_SECONDS);
        if (clientTrust != null) {
            builder.clientAuth(settings.clientValidation().get().required() ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL)
                    .trustManager(clientTrust);
        } else {
            builder.clientAuth(ClientAuth.NONE);
        }
        try {
            return new BuiltContext(builder.build(), problems.warnings());
        } catch (SSLException | RuntimeException e) {
            problems.error(null, "server TLS context cannot be built: " + e.getMessage());
            problems.throwIfErrors();
            throw new AssertionError("unreachable");
        }
    }

    private static X509ExtendedTrustManager clientTrust(ClientCertificateValidation validation, FileContents contents,
                                                        Problems problems) {
        List<X509Certificate> authorities = null;
        List<X509CRL> revocationLists = List.of();
        try {
            authorities = PemFiles.certificates(validation.caCertificates(), contents.bytes().get(validation.caCertificates()));
        } catch (PemFileException e) {
            problems.error(e.file(), "caCertificates: " + e.fault());
        }
        if (validation.crl().isPresent()) {
            try {
                revocationLists = PemFiles.revocationLists(validation.crl().get(), contents.bytes().get(validation.crl().get()));
            } catch (PemFileException e) {
                problems.error(e.file(), "caCrl: " + e.fault());
            }
        }
        List<LeafCertificateCheck> checks = new ArrayList<>();
        if (!validation.subjectAltNames().isEmpty()) {
            checks.add(new AcceptedSubjectAltNames(validation.subjectAltNames()));
        }
        if (validation.pinned()) {
            try {
                checks.add(CertificatePins.of(validation.verifyCertificateSpki(), validation.verifyCertificateHash()));
            } catch (IllegalArgumentException e) {
                problems.error(null, e.getMessage());
            }
        }
        if (authorities == null || problems.hasErrors()) {
            return null;
        }
        try {
            X509ExtendedTrustManager trust = TrustManagers.trusting(authorities, revocationLists);
            return checks.isEmpty() ? trust : new LeafCheckingTrustManager(trust, checks);
        } catch (GeneralSecurityException e) {
            problems.error(validation.caCertificates(), "caCertificates: cannot be used as trust anchors (" + e.getMessage() + ")");
            return null;
        }
    }
}
