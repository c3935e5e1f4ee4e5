package io.foresail.config.table;

import io.foresail.config.model.HttpDirectResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Compiles Istio's {@code directResponse}: {@code body.string} as UTF-8, {@code body.bytes} decoded from base64. */
final class DirectResponseTranslator {

    private DirectResponseTranslator() {
    }

    static DirectResponseAction translate(HttpDirectResponse response) {
        byte[] body = response.body().map(DirectResponseTranslator::bytes).orElse(new byte[0]);
        return new DirectResponseAction(response.status(), body);
    }

    private static byte[] bytes(HttpDirectResponse.Body body) {
        if (body instanceof HttpDirectResponse.Base64 base64) {
            // protobuf JSON bytes: standard or URL-safe base64, padding optional (validated already)
            return Base64.getDecoder().decode(base64.value().replace('-', '+').replace('_', '/'));
        }
        return ((HttpDirectResponse.Text) body).value().getBytes(StandardCharsets.UTF_8);
    }
}
