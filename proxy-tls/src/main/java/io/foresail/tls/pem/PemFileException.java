package io.foresail.tls.pem;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A PEM file that cannot be used: names the file and what is wrong with it. The message never
 * carries key material or passwords, only the path and the fault.
 */
public final class PemFileException extends Exception {

    private final Path file;
    private final String fault;

    public PemFileException(Path file, String fault) {
        super(file + ": " + fault);
        this.file = Objects.requireNonNull(file, "file");
        this.fault = Objects.requireNonNull(fault, "fault");
    }

    public Path file() {
        return file;
    }

    /** What is wrong, without the file name ({@code no private key in the file}). */
    public String fault() {
        return fault;
    }
}
