package io.foresail.tls.context;

import io.foresail.config.table.UpstreamTlsSettings;
import io.foresail.tls.pem.CertifiedKey;
import io.foresail.tls.pem.CertifiedKeys;
import io.foresail.tls.pem.PemFileException;
import io.foresail.tls.pem.PemFiles;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Client contexts for TLS origination to upstreams (DestinationRule {@code trafficPolicy.tls}).
 *
 * <p>What the data plane must do with a context {@code ctx} for a cluster with settings {@code tls},
 * connecting to an endpoint at {@code address:port} for a request whose Host is {@code host}:
 * <ol>
 *   <li>Pick the name: {@code sniHost = tls.sni().isEmpty() ? host-without-port : tls.sni()}.</li>
 *   <li>Create the handler with the peer name and port: {@code ctx.newHandler(alloc, sniHost, port)}.
 *       Netty sends {@code sniHost} as SNI (unless it is an IP literal) and uses it as the peer host
 *       for verification; never pass the endpoint's IP address there.</li>
 *   <li>Nothing else: the context already sets endpoint identification {@code HTTPS} (the
 *       certificate must be valid for {@code sniHost}) when no {@code subjectAltNames} are given,
 *       checks the given SANs instead when they are, and verifies nothing with
 *       {@code insecureSkipVerify}. Do not change the engine's {@code SSLParameters}.</li>
 *   <li>Key the upstream connection pool by (address, port, {@code sniHost}, {@code tls}): two
 *       different SNIs must never share a connection.</li>
 * </ol>
 * ALPN offers {@code http/1.1}; TLS 1.2 and 1.3 with the intermediate cipher suites. A revocation
 * list ({@code caCrl}, or a credential's {@code crl}) must cover every certificate of the upstream
 * chain, and a revoked one is refused.
 */
final class ClientContexts {

    private static final List<String> PROTOCOLS = List.of("TLSv1.2", "TLSv1.3");

    private ClientContexts() {
    }

    /** Builds the context, or throws {@link RejectedSettingsException} with every error found. */
    static BuiltContext build(UpstreamTlsSettings settings, FileContents contents, SslProvider provider, Instant now,
                              Problems problems) {
        CertifiedKey certified = null;
        if (settings.clientCertificate().isPresent()) {
            try {
                certified = CertifiedKeys.load(settings.clientCertificate().get(), contents.bytes(), now);
                certified.warnings().forEach(warning -> problems.warning(null, warning));
            } catch (PemFileException e) {
                problems.error(e.file(), e.fault());
            }
        }
        List<String> ciphers = CipherSuites.forProvider(List.of(), provider, problems);
        SslContextBuilder builder = SslContextBuilder.forClient()
                .sslProvider(provider)
                .protocols(PROTOCOLS)
                .ciphers(ciphers, IdentityCipherSuiteFilter.INSTANCE)
                .applicationProtocolConfig(ServerContexts.ALPN)
                .sessionCacheSize(ServerContexts.SESSION_CACHE_SIZE)
                .sessionTimeout(ServerContexts.SESSION_TIMEOUT_SECONDS);
        if (settings.insecureSkipVerify()) {
            problems.warning(null, "insecureSkipVerify: upstream certificates are not verified");
            builder.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
        } else {
            X509ExtendedTrustManager trust = upstreamTrust(settings, contents, problems);
            if (trust != null && !settings.subjectAltNames().isEmpty()) {
                builder.trustManager(new LeafCheckingTrustManager(trust, List.of(new AcceptedSubjectAltNames(settings.subjectAltNames()))))
                        .endpointIdentificationAlgorithm(null);
            } else if (trust != null) {
                builder.trustManager(trust).endpointIdentificationAlgorithm("HTTPS");
            }
        }
        problems.throwIfErrors();
        if (certified != null) {
            builder.keyManager(certified.privateKey(), certified.chain());
        }
        try {
            return new BuiltContext(builder.build(), problems.warnings());
        } catch (SSLException | RuntimeException e) {
            problems.error(null, "client TLS context cannot be built: " + e.getMessage());
            problems.throwIfErrors();
            throw new AssertionError("unreachable");
        }
    }

    /**
     * PKIX trust in {@code caCertificates}, or in the JDK's trust store without them; with a
     * revocation list, every certificate of the upstream chain must be covered by it and not revoked.
     */
    private static X509ExtendedTrustManager upstreamTrust(UpstreamTlsSettings settings, FileContents contents, Problems problems) {
        List<X509CRL> revocationLists = List.of();
        if (settings.crl().isPresent()) {
            try {
                revocationLists = PemFiles.revocationLists(settings.crl().get(), contents.bytes().get(settings.crl().get()));
            } catch (PemFileException e) {
                problems.error(e.file(), "caCrl: " + e.fault());
                return null;
            }
        }
        try {
            if (settings.caCertificates().isEmpty()) {
                X509ExtendedTrustManager jdk = TrustManagers.jdkDefault();
                return revocationLists.isEmpty() ? jdk : TrustManagers.trusting(List.of(jdk.getAcceptedIssuers()), revocationLists);
            }
            List<X509Certificate> authorities = PemFiles.certificates(settings.caCertificates().get(),
                    contents.bytes().get(settings.caCertificates().get()));
            return TrustManagers.trusting(authorities, revocationLists);
        } catch (PemFileException e) {
            problems.error(e.file(), "caCertificates: " + e.fault());
        } catch (GeneralSecurityException e) {
            problems.error(settings.caCertificates().orElse(null), "caCertificates: cannot be used as trust anchors ("
                    + e.getMessage() + ")");
        }
        return null;
    }
}
