package io.foresail.tls.context;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Verifies the chain with a delegate, then requires the peer's leaf certificate to pass every
 * check: accepted subject alternative names, certificate pins. Several checks must all pass, as
 * Envoy's {@code CertificateValidationContext} combines SANs AND pins.
 */
final class LeafCheckingTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager delegate;
    private final List<LeafCertificateCheck> checks;

    LeafCheckingTrustManager(X509ExtendedTrustManager delegate, List<LeafCertificateCheck> checks) {
        this.delegate = delegate;
        this.checks = List.copyOf(checks);
        if (this.checks.isEmpty()) {
            throw new IllegalArgumentException("checks: empty (expected: at least one leaf certificate check)");
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, socket);
        checkLeaf(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, engine);
        checkLeaf(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
        checkLeaf(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate.checkServerTrusted(chain, authType, socket);
        checkLeaf(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate.checkServerTrusted(chain, authType, engine);
        checkLeaf(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
        checkLeaf(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    private void checkLeaf(X509Certificate[] chain) throws CertificateException {
        for (LeafCertificateCheck check : checks) {
            check.check(chain[0]);
        }
    }
}
