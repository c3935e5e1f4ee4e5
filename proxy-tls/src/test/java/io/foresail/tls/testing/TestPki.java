package io.foresail.tls.testing;

import io.foresail.config.table.CertificateFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI for tests, generated with BouncyCastle: a CA, and certificates it issues for
 * servers (DNS names, wildcards, RSA or EC keys), clients (DNS or URI SANs), expired or not yet
 * valid leaves, and revocation lists. Every issued pair is written as PEM files in the directory
 * given: the chain, the key as PKCS#1 (traditional OpenSSL), PKCS#8 and encrypted PKCS#8, and the
 * password file (with a trailing newline, as {@code echo} writes it). A second
 * {@code TestPki.create(dir, "Other CA")} is a CA nobody trusts.
 */
public final class TestPki {

    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime() & 0xffffffffL);

    private final Path directory;
    private final String slug;
    private final X500Name caName;
    private final KeyPair caKeys;
    private final X509Certificate caCertificate;
    private final Path caFile;
    private final AtomicLong issued = new AtomicLong();

    private TestPki(Path directory, String caCommonName) {
        this.directory = directory;
        this.slug = slug(caCommonName);
        this.caName = new X500Name("CN=" + caCommonName + ",O=Foresail Tests");
        this.caKeys = rsa();
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caName, serial(),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), caName, caKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(caKeys.getPublic()));
            this.caCertificate = certificate(builder.build(signer(caKeys.getPrivate())));
            this.caFile = write(slug + "-ca.crt", pem(caCertificate));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("test CA cannot be created", e);
        }
    }

    /** A CA named "Foresail Test CA" writing its files under {@code directory}. */
    public static TestPki create(Path directory) {
        return create(directory, "Foresail Test CA");
    }

    public static TestPki create(Path directory, String caCommonName) {
        return new TestPki(directory, caCommonName);
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /** The CA certificate as a PEM file (a {@code caCertificates} bundle). */
    public Path caFile() {
        return caFile;
    }

    /** A server certificate with an RSA key for {@code dnsNames} (wildcards such as {@code *.example.com} allowed). */
    public Issued server(String... dnsNames) {
        return issue(Kind.RSA, dnsNames[0], List.of(dnsNames), Instant.now().minus(Duration.ofDays(1)), Duration.ofDays(30));
    }

    /** A server certificate with an EC (P-256) key. */
    public Issued serverEc(String... dnsNames) {
        return issue(Kind.EC, dnsNames[0], List.of(dnsNames), Instant.now().minus(Duration.ofDays(1)), Duration.ofDays(30));
    }

    /** A server certificate that expired yesterday. */
    public Issued expiredServer(String... dnsNames) {
        return issue(Kind.RSA, dnsNames[0], List.of(dnsNames), Instant.now().minus(Duration.ofDays(31)), Duration.ofDays(30));
    }

    /** A server certificate valid from tomorrow. */
    public Issued notYetValidServer(String... dnsNames) {
        return issue(Kind.RSA, dnsNames[0], List.of(dnsNames), Instant.now().plus(Duration.ofDays(1)), Duration.ofDays(30));
    }

    /**
     * A client certificate; each SAN containing {@code ://} is a URI SAN ({@code spiffe://...}),
     * one starting {@code email:} an e-mail SAN, {@code ip:} an IP address SAN, {@code uri:} a URI
     * SAN (prefixes stripped), any other a DNS SAN. No SAN at all is allowed.
     */
    public Issued client(String commonName, String... subjectAltNames) {
        return issue(Kind.RSA, commonName, List.of(subjectAltNames), Instant.now().minus(Duration.ofDays(1)), Duration.ofDays(30));
    }

    /** A CRL of this CA revoking {@code revoked}, as a PEM file. */
    public Path revocationList(Issued... revoked) {
        Instant now = Instant.now();
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(caName, Date.from(now.minus(Duration.ofMinutes(5))));
            builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(7))));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(caCertificate));
            builder.addExtension(Extension.cRLNumber, false, new org.bouncycastle.asn1.x509.CRLNumber(serial()));
            for (Issued certificate : revoked) {
                builder.addCRLEntry(certificate.certificate().getSerialNumber(), Date.from(now.minus(Duration.ofMinutes(1))),
                        CRLReason.keyCompromise);
            }
            X509CRLHolder crl = builder.build(signer(caKeys.getPrivate()));
            return write(slug + "-" + issued.incrementAndGet() + ".crl", pem(crl));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("test CRL cannot be created", e);
        }
    }

    /** Writes {@code content} to a new file in this PKI's directory (for broken-PEM tests). */
    public Path file(String name, String content) {
        return write(slug + "-" + issued.incrementAndGet() + "-" + name, content);
    }

    private Issued issue(Kind kind, String commonName, List<String> subjectAltNames, Instant notBefore, Duration lifetime) {
        KeyPair keys = kind == Kind.EC ? ec() : rsa();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caName, serial(), Date.from(notBefore),
                    Date.from(notBefore.plus(lifetime)), new X500Name("CN=" + commonName + ",O=Foresail Tests"), keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                    .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(caCertificate))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
            if (!subjectAltNames.isEmpty()) {
                List<GeneralName> names = new ArrayList<>();
                for (String name : subjectAltNames) {
                    names.add(generalName(name));
                }
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            X509Certificate certificate = certificate(builder.build(signer(caKeys.getPrivate())));
            String base = slug + "-" + issued.incrementAndGet() + "-" + slug(commonName);
            String password = "pw-" + base;
            Path chain = write(base + ".crt", pem(certificate));
            Path pkcs1 = write(base + ".pkcs1.key", kind == Kind.EC ? sec1(keys.getPrivate()) : pem(keys.getPrivate()));
            Path pkcs8 = write(base + ".key", pem(new JcaPKCS8Generator(keys.getPrivate(), null)));
            Path encrypted = write(base + ".enc.key", pem(new JcaPKCS8Generator(keys.getPrivate(),
                    new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setProvider(BOUNCY_CASTLE)
                            .setPassword(password.toCharArray()).build())));
            Path passwordFile = write(base + ".password", password + "\n");
            return new Issued(certificate, keys.getPrivate(), chain, pkcs1, pkcs8, encrypted, passwordFile, commonName);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("test certificate for " + commonName + " cannot be created", e);
        }
    }

    /**
     * One issued certificate and its key files.
     *
     * @param chainFile        the certificate as PEM
     * @param pkcs1KeyFile     {@code BEGIN RSA PRIVATE KEY} / {@code BEGIN EC PRIVATE KEY}
     * @param pkcs8KeyFile     {@code BEGIN PRIVATE KEY}
     * @param encryptedKeyFile {@code BEGIN ENCRYPTED PRIVATE KEY} (AES-256-CBC, PBKDF2)
     * @param passwordFile     the encrypted key's password and a newline
     */
    public record Issued(X509Certificate certificate, PrivateKey privateKey, Path chainFile, Path pkcs1KeyFile,
                         Path pkcs8KeyFile, Path encryptedKeyFile, Path passwordFile, String commonName) {

        /** Chain and PKCS#8 key. */
        public CertificateFiles files() {
            return new CertificateFiles(chainFile, pkcs8KeyFile, Optional.empty(), "test " + commonName);
        }

        /** Chain and PKCS#1 key. */
        public CertificateFiles pkcs1Files() {
            return new CertificateFiles(chainFile, pkcs1KeyFile, Optional.empty(), "test " + commonName);
        }

        /** Chain, encrypted PKCS#8 key and its password file. */
        public CertificateFiles encryptedFiles() {
            return new CertificateFiles(chainFile, encryptedKeyFile, Optional.of(passwordFile), "test " + commonName);
        }
    }

    private enum Kind { RSA, EC }

    private static GeneralName generalName(String name) {
        if (name.startsWith("email:")) {
            return new GeneralName(GeneralName.rfc822Name, name.substring("email:".length()));
        }
        if (name.startsWith("ip:")) {
            return new GeneralName(GeneralName.iPAddress, name.substring("ip:".length()));
        }
        if (name.startsWith("uri:")) {
            return new GeneralName(GeneralName.uniformResourceIdentifier, name.substring("uri:".length()));
        }
        return new GeneralName(name.contains("://") ? GeneralName.uniformResourceIdentifier : GeneralName.dNSName, name);
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA keys cannot be generated", e);
        }
    }

    private static KeyPair ec() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC keys cannot be generated", e);
        }
    }

    /**
     * {@code BEGIN EC PRIVATE KEY} with the curve named inside, as {@code openssl ecparam -genkey}
     * writes it (the JDK's encoding names the curve only in the PKCS#8 wrapper).
     */
    private static String sec1(PrivateKey key) throws IOException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        org.bouncycastle.asn1.sec.ECPrivateKey inner = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
        org.bouncycastle.asn1.sec.ECPrivateKey withCurve = new org.bouncycastle.asn1.sec.ECPrivateKey(256, inner.getKey(),
                info.getPrivateKeyAlgorithm().getParameters());
        return pem(new PemObject("EC PRIVATE KEY", withCurve.getEncoded()));
    }

    private static ContentSigner signer(PrivateKey key) throws GeneralSecurityException {
        try {
            return new JcaContentSignerBuilder("SHA256withRSA").build(key);
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("signer cannot be created", e);
        }
    }

    private static X509Certificate certificate(X509CertificateHolder holder) throws GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIALS.incrementAndGet());
    }

    private static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    private Path write(String name, String content) {
        try {
            return Files.writeString(directory.resolve(name), content, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
