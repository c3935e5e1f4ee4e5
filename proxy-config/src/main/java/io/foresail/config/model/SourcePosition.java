package io.foresail.config.model;

import java.util.Objects;

/**
 * Where a YAML node starts: file as given on the command line, 1-based line and column.
 */
public record SourcePosition(String file, int line, int column) {

    public SourcePosition {
        Objects.requireNonNull(file, "file");
    }

    public static SourcePosition ofFile(String file) {
        return new SourcePosition(file, 0, 0);
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ":" + column : file;
    }
}
