package io.foresail.tls.context;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * An error or warning found while building TLS contexts.
 *
 * @param source where the settings come from ({@code chain https.443.https.gw.ns (credentialName bookinfo)},
 *               {@code cluster outbound|443||api.example.com})
 * @param file   the file at fault, if one is
 * @param fault  what is wrong ({@code private key does not match the certificate ...}); never key material
 */
public record TlsProblem(String source, Optional<Path> file, String fault) {

    public TlsProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(fault, "fault");
    }

    /** One line: {@code source: file: fault}. */
    public String message() {
        return source + ": " + file.map(path -> path + ": ").orElse("") + fault;
    }

    @Override
    public String toString() {
        return message();
    }
}
