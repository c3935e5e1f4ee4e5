package io.foresail.tls.pem;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Reads PEM content (already read from {@code file}, which only names it in messages) into JDK
 * types: certificate chains, revocation lists and private keys (PKCS#1 {@code RSA PRIVATE KEY},
 * SEC1 {@code EC PRIVATE KEY}, PKCS#8 {@code PRIVATE KEY}, encrypted PKCS#8
 * {@code ENCRYPTED PRIVATE KEY}, and legacy OpenSSL-encrypted PKCS#1). Messages name the file and
 * the fault, never the content.
 */
public final class PemFiles {

    /** BouncyCastle as a private provider instance, never registered JVM-wide. */
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private PemFiles() {
    }

    /** The certificates of {@code content}, in file order (leaf first in a chain file). */
    public static List<X509Certificate> certificates(Path file, byte[] content) throws PemFileException {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (Object object : objects(file, content)) {
            if (object instanceof X509CertificateHolder holder) {
                try {
                    certificates.add(converter.getCertificate(holder));
                } catch (CertificateException e) {
                    throw new PemFileException(file, "certificate " + (certificates.size() + 1) + " cannot be decoded");
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new PemFileException(file, "no certificate in the file (expected: -----BEGIN CERTIFICATE-----)");
        }
        return List.copyOf(certificates);
    }

    /** The certificate revocation lists of {@code content}. */
    public static List<X509CRL> revocationLists(Path file, byte[] content) throws PemFileException {
        List<X509CRL> lists = new ArrayList<>();
        JcaX509CRLConverter converter = new JcaX509CRLConverter();
        for (Object object : objects(file, content)) {
            if (object instanceof X509CRLHolder holder) {
                try {
                    lists.add(converter.getCRL(holder));
                } catch (java.security.cert.CRLException e) {
                    throw new PemFileException(file, "revocation list " + (lists.size() + 1) + " cannot be decoded");
                }
            }
        }
        if (lists.isEmpty()) {
            throw new PemFileException(file, "no revocation list in the file (expected: -----BEGIN X509 CRL-----)");
        }
        return List.copyOf(lists);
    }

    /**
     * The first private key of {@code content}.
     *
     * @param password the key's password, or {@code null} when no password file is configured
     */
    public static PrivateKey privateKey(Path file, byte[] content, char[] password) throws PemFileException {
        for (Object object : objects(file, content)) {
            if (object instanceof PrivateKeyInfo info) {
                return jdkKey(file, info);
            }
            if (object instanceof PEMKeyPair pair) {
                return jdkKey(file, pair.getPrivateKeyInfo());
            }
            if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                requirePassword(file, password);
                return jdkKey(file, decrypt(file, encrypted, password));
            }
            if (object instanceof PEMEncryptedKeyPair encrypted) {
                requirePassword(file, password);
                PEMKeyPair pair;
                try {
                    pair = encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(BOUNCY_CASTLE).build(password));
                } catch (IOException e) {
                    throw new PemFileException(file, "encrypted private key: wrong password");
                }
                return jdkKey(file, pair.getPrivateKeyInfo());
            }
        }
        throw new PemFileException(file, "no private key in the file (expected: -----BEGIN PRIVATE KEY-----, "
                + "-----BEGIN RSA PRIVATE KEY-----, -----BEGIN EC PRIVATE KEY----- or -----BEGIN ENCRYPTED PRIVATE KEY-----)");
    }

    /**
     * The key as a JDK key object (SunRsaSign, SunEC), so both TLS providers take it: the algorithm
     * comes from the key's OID, the key itself from its PKCS#8 encoding.
     */
    private static PrivateKey jdkKey(Path file, PrivateKeyInfo info) throws PemFileException {
        String oid = info.getPrivateKeyAlgorithm().getAlgorithm().getId();
        String algorithm = switch (oid) {
            case "1.2.840.113549.1.1.1" -> "RSA";
            case "1.2.840.113549.1.1.10" -> "RSASSA-PSS";
            case "1.2.840.10045.2.1" -> "EC";
            case "1.3.101.112" -> "Ed25519";
            case "1.3.101.113" -> "Ed448";
            default -> null;
        };
        if (algorithm == null) {
            throw new PemFileException(file, "private key algorithm " + oid + " is not supported (expected: RSA or EC)");
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (IOException | GeneralSecurityException e) {
            throw new PemFileException(file, "private key cannot be decoded (corrupt " + algorithm + " key)");
        }
    }

    /** A password file's content as characters, trailing line breaks removed. */
    public static char[] password(byte[] content) {
        int end = content.length;
        while (end > 0 && (content[end - 1] == '\n' || content[end - 1] == '\r')) {
            end--;
        }
        java.nio.CharBuffer chars = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(content, 0, end));
        char[] password = new char[chars.remaining()];
        chars.get(password);
        java.util.Arrays.fill(chars.array(), '\0');
        return password;
    }

    private static void requirePassword(Path file, char[] password) throws PemFileException {
        if (password == null) {
            throw new PemFileException(file, "private key is encrypted and no password file is configured (expected: keyPassword)");
        }
    }

    private static PrivateKeyInfo decrypt(Path file, PKCS8EncryptedPrivateKeyInfo encrypted, char[] password)
            throws PemFileException {
        InputDecryptorProvider decryptor;
        try {
            decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BOUNCY_CASTLE).build(password);
        } catch (OperatorCreationException e) {
            throw new PemFileException(file, "encrypted private key: unsupported encryption");
        }
        try {
            return encrypted.decryptPrivateKeyInfo(decryptor);
        } catch (PKCSException e) {
            throw new PemFileException(file, "encrypted private key: wrong password");
        }
    }

    private static List<Object> objects(Path file, byte[] content) throws PemFileException {
        List<Object> objects = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.US_ASCII))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                objects.add(object);
            }
        } catch (IOException | RuntimeException e) {
            throw new PemFileException(file, "not a PEM file (malformed or unrecognised PEM block)");
        }
        if (objects.isEmpty()) {
            throw new PemFileException(file, "not a PEM file (no -----BEGIN ...----- block)");
        }
        return objects;
    }
}
