package io.foresail.config.table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code credentialName} secrets as folders of {@code --secrets-dir}, laid out like a mounted
 * Kubernetes Secret (each key a file, possibly a symlink into {@code ..data/}, which is kept as
 * the path so that a swapped mount is read afresh):
 * <ul>
 *   <li>key pair: {@code DIR/NAME/cert} + {@code key}, else {@code tls.crt} + {@code tls.key};</li>
 *   <li>CA: {@code DIR/NAME-cacert/} when that folder exists, else {@code DIR/NAME/}: {@code cacert}
 *       with its CRL {@code crl}, else {@code ca.crt} with its CRL {@code ca.crl}.</li>
 * </ul>
 * The order is Istio's ({@code ExtractCertInfo}, {@code ExtractRoot}): generic keys first, and a
 * CRL only counts with the CA file it is paired with.
 */
final class SecretFolders {

    /** A lookup's outcome: what was found, or nothing, and every path looked at (for the error message). */
    record Lookup<T>(Optional<T> found, List<Path> lookedAt) {

        Lookup {
            lookedAt = List.copyOf(lookedAt);
        }
    }

    /** A CA bundle and its optional revocation list. */
    record CaFiles(Path caCertificates, Optional<Path> crl) {
    }

    /** What a key pair lookup expects, for messages. */
    static final String KEY_PAIR_KEYS = "(cert and key) or (tls.crt and tls.key)";

    /** What a CA lookup expects, for messages. */
    static final String CA_KEYS = "cacert or ca.crt";

    private static final String[][] KEY_PAIRS = {{"cert", "key"}, {"tls.crt", "tls.key"}};
    private static final String[][] CAS_WITH_CRLS = {{"cacert", "crl"}, {"ca.crt", "ca.crl"}};

    private final Optional<Path> root;

    SecretFolders(Optional<Path> root) {
        this.root = root;
    }

    boolean configured() {
        return root.isPresent();
    }

    /** The certificate and key of secret {@code name}. */
    Lookup<CertificateFiles> keyPair(String name) {
        List<Path> lookedAt = new ArrayList<>();
        Optional<Path> folder = folder(name);
        if (folder.isEmpty()) {
            return new Lookup<>(Optional.empty(), lookedAt);
        }
        for (String[] keys : KEY_PAIRS) {
            Path certificate = folder.get().resolve(keys[0]);
            Path key = folder.get().resolve(keys[1]);
            lookedAt.add(certificate);
            lookedAt.add(key);
            if (Files.isRegularFile(certificate) && Files.isRegularFile(key)) {
                return new Lookup<>(Optional.of(new CertificateFiles(certificate, key, Optional.empty(),
                        "credentialName " + name)), lookedAt);
            }
        }
        return new Lookup<>(Optional.empty(), lookedAt);
    }

    /** The client CA of secret {@code name}: from {@code NAME-cacert} when that folder exists, else from {@code NAME}. */
    Lookup<CaFiles> caOf(String name) {
        Optional<Path> caFolder = folder(name + "-cacert").filter(Files::isDirectory);
        return caIn(caFolder.isPresent() ? name + "-cacert" : name);
    }

    /** The CA in the folder of secret {@code name} itself ({@code caCertCredentialName}). */
    Lookup<CaFiles> caIn(String name) {
        List<Path> lookedAt = new ArrayList<>();
        Optional<Path> folder = folder(name);
        if (folder.isEmpty()) {
            return new Lookup<>(Optional.empty(), lookedAt);
        }
        for (String[] keys : CAS_WITH_CRLS) {
            Path ca = folder.get().resolve(keys[0]);
            lookedAt.add(ca);
            if (Files.isRegularFile(ca)) {
                Path crl = folder.get().resolve(keys[1]);
                return new Lookup<>(Optional.of(new CaFiles(ca, Optional.of(crl).filter(Files::isRegularFile))), lookedAt);
            }
        }
        return new Lookup<>(Optional.empty(), lookedAt);
    }

    /**
     * The error for secret {@code name} not found: without {@code --secrets-dir} it says that one is
     * needed, else what was {@code expected} and where it was looked for.
     */
    String notFound(String name, String expected, Lookup<?> lookup) {
        if (!configured()) {
            return "credentialName " + name + " cannot be resolved: it needs --secrets-dir (a folder with one "
                    + "folder per secret, holding " + expected + ")";
        }
        return "secret " + name + " not found (expected: " + expected + "); looked at "
                + (lookup.lookedAt().isEmpty() ? "nothing: not a valid folder name" : lookup.lookedAt().toString());
    }

    /** {@code DIR/name}, or empty without a secrets folder or for a name that would leave it. */
    private Optional<Path> folder(String name) {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
            return Optional.empty();
        }
        return root.map(dir -> dir.resolve(name));
    }
}
