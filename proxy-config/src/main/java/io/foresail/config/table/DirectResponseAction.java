package io.foresail.config.table;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Istio's {@code HTTPDirectResponse}: answered by the proxy with {@code status} and a fixed body
 * ({@code body.string} as UTF-8, or {@code body.bytes} decoded from base64). The route's response
 * header operations apply.
 */
public final class DirectResponseAction implements RouteAction {

    private final int status;
    private final byte[] body;

    public DirectResponseAction(int status, byte[] body) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("status: " + status + " (expected: 200..599)");
        }
        this.status = status;
        this.body = body.clone();
    }

    public int status() {
        return status;
    }

    /** The body, read-only: callers wrap it without copying. */
    public ByteBuffer body() {
        return ByteBuffer.wrap(body).asReadOnlyBuffer();
    }

    public int bodyLength() {
        return body.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DirectResponseAction that && status == that.status && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return 31 * status + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "DirectResponseAction[status=" + status + ", body=" + body.length + " bytes]";
    }
}
