package io.foresail.config.yaml;

import io.foresail.config.model.HttpRedirect;
import java.util.Optional;

/**
 * Binds a route's {@code redirect} ({@code HTTPRedirect}). {@code port} and {@code derivePort} are
 * a oneof, and {@code derivePort} an enum: writing both, or another enum name, is an error, as
 * protobuf parsing rejects it.
 */
final class RedirectReader {

    private RedirectReader() {
    }

    static Optional<HttpRedirect> read(MappingReader route) {
        return route.object("redirect", RedirectReader::redirect);
    }

    private static HttpRedirect redirect(MappingReader redirect) {
        if (redirect.has("port") && redirect.has("derivePort")) {
            redirect.session().error(redirect.node(), redirect.path(),
                    "more than one of port, derivePort (expected: at most one)");
        }
        String derivePort = redirect.string("derivePort");
        if (!derivePort.isEmpty() && !derivePort.equals(HttpRedirect.FROM_PROTOCOL_DEFAULT)
                && !derivePort.equals(HttpRedirect.FROM_REQUEST_PORT)) {
            redirect.session().error(redirect.node(), redirect.pathOf("derivePort"), derivePort
                    + " (expected: " + HttpRedirect.FROM_PROTOCOL_DEFAULT + " or " + HttpRedirect.FROM_REQUEST_PORT + ")");
            derivePort = "";
        }
        return new HttpRedirect(redirect.string("uri"), redirect.string("prefixRewrite"), redirect.string("authority"),
                redirect.uint32("port"), derivePort, redirect.string("scheme"), redirect.uint32("redirectCode"));
    }
}
