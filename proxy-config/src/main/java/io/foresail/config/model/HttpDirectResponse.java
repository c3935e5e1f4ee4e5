package io.foresail.config.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Istio's {@code HTTPDirectResponse} as written.
 *
 * @param status {@code status}, 0 when not written
 * @param body   {@code body}, when written
 */
public record HttpDirectResponse(int status, Optional<Body> body) {

    public HttpDirectResponse {
        Objects.requireNonNull(body, "body");
    }

    /** Istio's {@code HTTPBody}: a oneof of text and base64 bytes. */
    public sealed interface Body {
    }

    /** {@code body.string}: sent as written (UTF-8). */
    public record Text(String value) implements Body {
        public Text {
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code body.bytes}: base64 as written, decoded when compiled. */
    public record Base64(String value) implements Body {
        public Base64 {
            Objects.requireNonNull(value, "value");
        }
    }
}
