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
 *   <li>key pair: {@code DIR/NAME/tls.crt} + {@code tls.key}, else {@code cert} + {@code key};</li>
 *   <li>CA: {@code DIR/NAME-cacert/} when that folder exists, else {@code DIR/NAME/}: {@code ca.crt}
 *       else {@code cacert}; with the CRL {@code ca.crl} else {@code crl} of the same folder.</li>
 * </ul>
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
        for (String[] keys : new String[][] {{"tls.crt", "tls.key"}, {"cert", "key"}}) {
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
        Optional<Path> ca = firstFile(folder.get(), lookedAt, "ca.crt", "cacert");
        if (ca.isEmpty()) {
            return new Lookup<>(Optional.empty(), lookedAt);
        }
        Optional<Path> crl = firstFile(folder.get(), new ArrayList<>(), "ca.crl", "crl");
        return new Lookup<>(Optional.of(new CaFiles(ca.get(), crl)), lookedAt);
    }

    /** {@code DIR/name}, or empty without a secrets folder or for a name that would leave it. */
    private Optional<Path> folder(String name) {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
            return Optional.empty();
        }
        return root.map(dir -> dir.resolve(name));
    }

    private static Optional<Path> firstFile(Path folder, List<Path> lookedAt, String... names) {
        for (String name : names) {
            Path file = folder.resolve(name);
            lookedAt.add(file);
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }
}
