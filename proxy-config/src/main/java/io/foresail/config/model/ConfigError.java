package io.foresail.config.model;

import java.util.Objects;

/**
 * One finding about a configuration: where it is (file, line, column), which resource and field,
 * and what was expected. Errors reject a load; warnings are reported and the config still serves.
 *
 * @param severity  {@link Severity#ERROR} or {@link Severity#WARNING}
 * @param position  file, line and column (1-based) of the offending node
 * @param resource  {@code Kind/namespace/name}, or empty when the problem precedes a resource
 * @param fieldPath the field path inside the resource, e.g. {@code spec.http[0].route[1].weight}, or empty
 * @param message   what is wrong and what was expected
 */
public record ConfigError(Severity severity, SourcePosition position, String resource, String fieldPath, String message) {

    public enum Severity { ERROR, WARNING }

    public ConfigError {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(fieldPath, "fieldPath");
        Objects.requireNonNull(message, "message");
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:column: ERROR Kind/ns/name: field.path: message}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(position).append(": ").append(severity);
        if (!resource.isEmpty()) {
            text.append(' ').append(resource);
        }
        text.append(':');
        if (!fieldPath.isEmpty()) {
            text.append(' ').append(fieldPath).append(':');
        }
        return text.append(' ').append(message).toString();
    }
}
