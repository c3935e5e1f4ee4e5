package io.foresail.config.model;

import java.util.Map;

/**
 * Where each field of one resource was written: field path ({@code spec.http[0].route[1].weight})
 * to the position of its value. The empty path is the start of the resource's document.
 *
 * @param byPath positions by field path, as recorded by the YAML layer
 */
public record FieldPositions(Map<String, SourcePosition> byPath) {

    public FieldPositions {
        byPath = Map.copyOf(byPath);
        if (!byPath.containsKey("")) {
            throw new IllegalArgumentException("byPath: no entry for \"\" (expected: the document position)");
        }
    }

    /**
     * The position of {@code path}, or of its nearest recorded ancestor when the field itself was
     * not written (a missing required field is reported where its parent is).
     */
    public SourcePosition of(String path) {
        String current = path;
        while (true) {
            SourcePosition found = byPath.get(current);
            if (found != null) {
                return found;
            }
            current = parentOf(current);
        }
    }

    private static String parentOf(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }
}
