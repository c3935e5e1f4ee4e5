package io.foresail.tls.context;

import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The peer's leaf certificate must be pinned: the SHA-256 of its DER SubjectPublicKeyInfo is one of
 * {@code verifyCertificateSpki} (base64) or the SHA-256 of the DER certificate is one of
 * {@code verifyCertificateHash} (hex, colons allowed, any case); either list matching accepts, as
 * Envoy's {@code verify_certificate_spki} / {@code verify_certificate_hash}.
 */
final class CertificatePins implements LeafCertificateCheck {

    private static final int SHA256_LENGTH = 32;
    private static final HexFormat HEX = HexFormat.of();

    /** Hex digests, lower case. */
    private final Set<String> publicKeyDigests;
    private final Set<String> certificateDigests;

    private CertificatePins(Set<String> publicKeyDigests, Set<String> certificateDigests) {
        this.publicKeyDigests = Set.copyOf(publicKeyDigests);
        this.certificateDigests = Set.copyOf(certificateDigests);
    }

    /**
     * The pins as written; throws {@link IllegalArgumentException} naming each malformed entry, or
     * when there is none at all.
     */
    static CertificatePins of(List<String> verifyCertificateSpki, List<String> verifyCertificateHash) {
        List<String> faults = new ArrayList<>();
        Set<String> publicKeys = new TreeSet<>();
        for (int i = 0; i < verifyCertificateSpki.size(); i++) {
            String pin = verifyCertificateSpki.get(i);
            byte[] digest = base64(pin);
            if (digest == null || digest.length != SHA256_LENGTH) {
                faults.add("verifyCertificateSpki[" + i + "]: \"" + pin + "\" (expected: base64 of a SHA-256 digest, 32 bytes)");
            } else {
                publicKeys.add(HEX.formatHex(digest));
            }
        }
        Set<String> certificates = new TreeSet<>();
        for (int i = 0; i < verifyCertificateHash.size(); i++) {
            String pin = verifyCertificateHash.get(i);
            byte[] digest = hex(pin.replace(":", ""));
            if (digest == null || digest.length != SHA256_LENGTH) {
                faults.add("verifyCertificateHash[" + i + "]: \"" + pin + "\" (expected: hex SHA-256 digest, 64 digits, colons allowed)");
            } else {
                certificates.add(HEX.formatHex(digest));
            }
        }
        if (!faults.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", faults));
        }
        if (publicKeys.isEmpty() && certificates.isEmpty()) {
            throw new IllegalArgumentException("verifyCertificateSpki and verifyCertificateHash: empty (expected: at least one pin)");
        }
        return new CertificatePins(publicKeys, certificates);
    }

    @Override
    public void check(X509Certificate leaf) throws CertificateException {
        String publicKey = sha256(leaf.getPublicKey().getEncoded());
        String certificate;
        try {
            certificate = sha256(leaf.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new CertificateException("peer certificate cannot be encoded to check its pins", e);
        }
        if (publicKeyDigests.contains(publicKey) || certificateDigests.contains(certificate)) {
            return;
        }
        throw new CertificateException("peer certificate is not pinned: SPKI SHA-256 "
                + Base64.getEncoder().encodeToString(HEX.parseHex(publicKey)) + ", certificate SHA-256 " + certificate
                + " (expected: one of verifyCertificateSpki " + base64All(publicKeyDigests)
                + " or verifyCertificateHash " + new TreeSet<>(certificateDigests) + ")");
    }

    private static String sha256(byte[] encoded) {
        MessageDigest digest = FileContents.sha256();
        return HEX.formatHex(digest.digest(encoded));
    }

    private static List<String> base64All(Set<String> hexDigests) {
        return new TreeSet<>(hexDigests).stream().map(hex -> Base64.getEncoder().encodeToString(HEX.parseHex(hex))).toList();
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] hex(String text) {
        try {
            return HEX.parseHex(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
