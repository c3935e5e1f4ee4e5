package io.foresail.tls.context;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Verifies the chain with a delegate, then requires the peer's leaf certificate to carry one of
 * the accepted subject alternative names (DNS, URI, IP address or e-mail, compared exactly; DNS
 * ignoring case, and a {@code *.suffix} DNS name in the certificate covers one label). Istio's
 * {@code subjectAltNames} on a Gateway (client certificates) and a DestinationRule (upstream
 * certificates).
 */
final class SubjectAltNameTrustManager extends X509ExtendedTrustManager {

    private static final int RFC822 = 1;
    private static final int DNS = 2;
    private static final int URI = 6;
    private static final int IP_ADDRESS = 7;

    private final X509ExtendedTrustManager delegate;
    private final Set<String> accepted;

    SubjectAltNameTrustManager(X509ExtendedTrustManager delegate, Collection<String> accepted) {
        this.delegate = delegate;
        this.accepted = Set.copyOf(accepted);
        if (this.accepted.isEmpty()) {
            throw new IllegalArgumentException("accepted: empty (expected: at least one subject alternative name)");
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, socket);
        requireAcceptedName(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, engine);
        requireAcceptedName(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
        requireAcceptedName(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate.checkServerTrusted(chain, authType, socket);
        requireAcceptedName(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate.checkServerTrusted(chain, authType, engine);
        requireAcceptedName(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
        requireAcceptedName(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    private void requireAcceptedName(X509Certificate[] chain) throws CertificateException {
        List<String> names = subjectAltNames(chain[0]);
        for (String name : names) {
            if (accepted(name)) {
                return;
            }
        }
        throw new CertificateException("peer certificate subject alternative names " + names
                + " (expected: one of " + accepted.stream().sorted().collect(Collectors.toList()) + ")");
    }

    private boolean accepted(String certificateName) {
        if (accepted.contains(certificateName)) {
            return true;
        }
        String lower = certificateName.toLowerCase(Locale.ROOT);
        for (String name : accepted) {
            String acceptedLower = name.toLowerCase(Locale.ROOT);
            if (acceptedLower.equals(lower)) {
                return true;
            }
            if (lower.startsWith("*.") && acceptedLower.endsWith(lower.substring(1))) {
                String label = acceptedLower.substring(0, acceptedLower.length() - lower.length() + 1);
                if (!label.isEmpty() && label.indexOf('.') < 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> subjectAltNames(X509Certificate certificate) throws CertificateParsingException {
        Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
        List<String> names = new ArrayList<>();
        if (entries == null) {
            return names;
        }
        for (List<?> entry : entries) {
            int type = (Integer) entry.get(0);
            if ((type == RFC822 || type == DNS || type == URI || type == IP_ADDRESS) && entry.get(1) instanceof String value) {
                names.add(value);
            }
        }
        return names;
    }
}
