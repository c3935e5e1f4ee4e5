package io.foresail.core.pool;

import java.time.Duration;
import java.util.Objects;

/**
 * How upstream connections are made and kept.
 *
 * @param connectTimeout       give up connecting after this long (flag {@code UF})
 * @param idleTimeout          close a pooled connection after this long without traffic
 * @param maxInitialLineLength longest upstream status line accepted
 * @param maxHeaderSize        largest upstream response head accepted
 * @param maxChunkSize         largest body chunk handed on at once
 */
public record UpstreamSettings(Duration connectTimeout, Duration idleTimeout, int maxInitialLineLength,
                               int maxHeaderSize, int maxChunkSize) {

    public UpstreamSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout: " + connectTimeout + " (expected: > 0)");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout: " + idleTimeout + " (expected: > 0)");
        }
    }
}
