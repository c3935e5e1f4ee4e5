package io.foresail.tls.pem;

import io.foresail.config.table.CertificateFiles;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Loads a {@link CertificateFiles} pair from file contents read beforehand, and checks that the key
 * belongs to the leaf certificate. An expired or not-yet-valid leaf is a warning, as Envoy serves it.
 */
public final class CertifiedKeys {

    private static final byte[] PROBE = "foresail key match probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private CertifiedKeys() {
    }

    /**
     * @param contents every file {@code files} names, read once by the caller (the same bytes are hashed for caching)
     * @param now      the instant the leaf's validity is checked at
     */
    public static CertifiedKey load(CertificateFiles files, Map<Path, byte[]> contents, Instant now) throws PemFileException {
        List<X509Certificate> chain = PemFiles.certificates(files.certificateChain(), content(contents, files.certificateChain()));
        char[] password = files.keyPassword().isPresent() ? PemFiles.password(content(contents, files.keyPassword().get())) : null;
        PrivateKey key;
        try {
            key = PemFiles.privateKey(files.privateKey(), content(contents, files.privateKey()), password);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
        X509Certificate leaf = chain.get(0);
        if (!matches(key, leaf.getPublicKey())) {
            throw new PemFileException(files.privateKey(), "private key does not match the certificate "
                    + leaf.getSubjectX500Principal() + " in " + files.certificateChain());
        }
        List<String> warnings = new ArrayList<>();
        try {
            leaf.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            warnings.add(files.certificateChain() + ": certificate " + leaf.getSubjectX500Principal() + " expired on "
                    + leaf.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            warnings.add(files.certificateChain() + ": certificate " + leaf.getSubjectX500Principal() + " is not valid before "
                    + leaf.getNotBefore().toInstant());
        }
        return new CertifiedKey(chain, key, warnings);
    }

    /** Whether {@code key} is the private half of {@code publicKey}: RSA by modulus, others by a signature round trip. */
    static boolean matches(PrivateKey key, PublicKey publicKey) {
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        if (key instanceof RSAPrivateCrtKey rsa && publicKey instanceof RSAPublicKey rsaPublic) {
            return rsa.getModulus().equals(rsaPublic.getModulus())
                    && rsa.getPublicExponent().equals(rsaPublic.getPublicExponent());
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> null;
        };
        if (algorithm == null) {
            return false;
        }
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(PROBE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] content(Map<Path, byte[]> contents, Path file) {
        byte[] content = contents.get(file);
        if (content == null) {
            throw new IllegalArgumentException("contents: no entry for " + file + " (expected: every file the pair names)");
        }
        return content;
    }
}
