package io.foresail.core.cli;

import io.foresail.config.model.ConfigCodes;
import io.foresail.config.model.ConfigError;
import io.foresail.core.admin.JsonText;
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
        return new JsonText().beginObject().field("severity", severity).field("code", code).field("file", file)
                .field("line", line).field("resource", resource).field("field", field).field("message", message)
                .endObject().toString().stripTrailing(); // JsonText ends a document with a newline
    }
}
