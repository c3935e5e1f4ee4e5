package io.foresail.core.admin;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** A complete answer of a local (admin, status, metrics) endpoint. */
public record AdminResponse(int status, String contentType, byte[] body) {

    public AdminResponse {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }

    public static AdminResponse text(int status, String body) {
        return new AdminResponse(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    public static AdminResponse json(String body) {
        return new AdminResponse(200, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }
}
