package io.foresail.config.validate;

import io.foresail.config.model.HttpDirectResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Istio's {@code validateHTTPDirectResponse}: status 200–599, body over 100 KiB warned, over 1 MiB rejected. */
final class DirectResponseRules {

    static final int WARN_SIZE = 100 * 1024;
    static final int MAX_SIZE = 1024 * 1024;

    private DirectResponseRules() {
    }

    static void check(HttpDirectResponse response, String path, ResourceFindings findings) {
        if (response.status() < 200 || response.status() > 599) {
            findings.error(path + ".status", "HTTP status " + response.status() + " is not in range 200-599");
        }
        response.body().ifPresent(body -> {
            int size;
            if (body instanceof HttpDirectResponse.Base64 bytes) {
                try {
                    size = decode(bytes.value()).length;
                } catch (IllegalArgumentException e) {
                    findings.error(path + ".body.bytes", "invalid base64 (expected: bytes in standard or URL-safe base64)");
                    return;
                }
            } else {
                size = ((HttpDirectResponse.Text) body).value().getBytes(StandardCharsets.UTF_8).length;
            }
            if (size > MAX_SIZE) {
                findings.error(path + ".body", "large direct_responses may impact control plane performance, must be less than 1MB");
            } else if (size > WARN_SIZE) {
                findings.warning(path + ".body", "large direct_responses may impact control plane performance");
            }
        });
    }

    /** Protobuf JSON's {@code bytes}: standard or URL-safe base64, padding optional. */
    static byte[] decode(String base64) {
        return Base64.getDecoder().decode(base64.replace('-', '+').replace('_', '/'));
    }
}
