package io.foresail.tls.pem;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A certificate chain and the private key of its leaf, checked to belong together.
 *
 * @param chain      the leaf certificate first, then intermediates, as the file lists them
 * @param privateKey the leaf's private key
 * @param warnings   usable-but-suspicious findings (an expired leaf), each naming its file
 */
public record CertifiedKey(List<X509Certificate> chain, PrivateKey privateKey, List<String> warnings) {

    public CertifiedKey {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain: empty (expected: at least the leaf certificate)");
        }
        Objects.requireNonNull(privateKey, "privateKey");
        warnings = List.copyOf(warnings);
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** Key material stays out of logs: only the leaf's subject and the key algorithm. */
    @Override
    public String toString() {
        return "CertifiedKey[leaf=" + leaf().getSubjectX500Principal() + ", key=" + privateKey.getAlgorithm()
                + ", chain=" + chain.size() + ", warnings=" + warnings + "]";
    }
}
