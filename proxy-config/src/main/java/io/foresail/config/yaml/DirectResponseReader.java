package io.foresail.config.yaml;

import io.foresail.config.model.HttpDirectResponse;
import java.util.Optional;

/** Binds a route's {@code directResponse}; {@code body} is a oneof of {@code string} and {@code bytes}. */
final class DirectResponseReader {

    private DirectResponseReader() {
    }

    static Optional<HttpDirectResponse> read(MappingReader route) {
        return route.object("directResponse", response -> new HttpDirectResponse(response.uint32("status"),
                response.object("body", DirectResponseReader::body).flatMap(body -> body)));
    }

    private static Optional<HttpDirectResponse.Body> body(MappingReader body) {
        if (body.has("string") && body.has("bytes")) {
            body.session().error(body.node(), body.path(), "more than one of string, bytes (expected: at most one)");
        }
        if (body.has("string")) {
            body.skip("bytes");
            return Optional.of(new HttpDirectResponse.Text(body.string("string")));
        }
        if (body.has("bytes")) {
            return Optional.of(new HttpDirectResponse.Base64(body.string("bytes")));
        }
        body.skip("string");
        body.skip("bytes");
        return Optional.empty();
    }
}
