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
 * @param code      the finding's code as users know it from {@code istioctl analyze} ({@code IST0101}) or
 *                  Kiali ({@code KIA0301}), or Foresail's own ({@code FS0001}) where neither has one;
 *                  see {@code docs/operations.md}
 */
public record ConfigError(Severity severity, SourcePosition position, String resource, String fieldPath, String message,
                          String code) {

    /** Errors reject a load; warnings and infos (e.g. weights that are normalised) do not. */
    public enum Severity { ERROR, WARNING, INFO }

    /** A finding with the schema code of its severity ({@link ConfigCodes#SCHEMA_ERROR} or {@link ConfigCodes#SCHEMA_WARNING}). */
    public ConfigError(Severity severity, SourcePosition position, String resource, String fieldPath, String message) {
        this(severity, position, resource, fieldPath, message,
                severity == Severity.ERROR ? ConfigCodes.SCHEMA_ERROR : ConfigCodes.SCHEMA_WARNING);
    }

    public ConfigError {
        Objects.requireNonNull(code, "code");
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
