package io.foresail.core.cli;

import io.foresail.config.model.ConfigCodes;
import io.foresail.config.model.ConfigError;
import io.foresail.tls.context.TlsProblem;

/**
 * One line of {@code validate}'s report: a config finding, or a TLS problem found while building the
 * contexts (those name the certificate file without a line, and the TLS chain or cluster instead of a resource).
 *
 * @param line 1-based, or 0 when the finding is about a whole file
 */
record ValidationFinding(String severity, String code, String file, int line, String resource, String field,
                         String message) {

    static ValidationFinding of(ConfigError error) {
        return new ValidationFinding(error.severity().name(), error.code(), error.position().file(),
                error.position().line(), error.resource(), error.fieldPath(), error.message());
    }

    static ValidationFinding of(String severity, TlsProblem problem) {
        return new ValidationFinding(severity, ConfigCodes.INVALID_CREDENTIAL,
                problem.file().map(Object::toString).orElse(""), 0, problem.source(), "", problem.fault());
    }

    boolean isError() {
        return severity.equals(ConfigError.Severity.ERROR.name());
    }

    /** {@code SEVERITY CODE file:line kind/ns/name: field.path: message}; absent parts are left out. */
    String text() {
        StringBuilder text = new StringBuilder(severity).append(' ').append(code);
        if (!file.isEmpty()) {
            text.append(' ').append(file);
            if (line > 0) {
                text.append(':').append(line);
            }
        }
        if (!resource.isEmpty()) {
            text.append(' ').append(resource);
        }
        text.append(':');
        if (!field.isEmpty()) {
            text.append(' ').append(field).append(':');
        }
        return text.append(' ').append(message).toString();
    }

    /** One JSON object with the fields of {@link #text()}. */
    String json() {
        return "{\"severity\":" + quoted(severity) + ",\"code\":" + quoted(code) + ",\"file\":" + quoted(file)
                + ",\"line\":" + line + ",\"resource\":" + quoted(resource) + ",\"field\":" + quoted(field)
                + ",\"message\":" + quoted(message) + "}";
    }

    private static String quoted(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
