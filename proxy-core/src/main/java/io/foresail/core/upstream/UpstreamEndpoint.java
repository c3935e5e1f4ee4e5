package io.foresail.core.upstream;

import io.foresail.config.table.Endpoint;
import io.foresail.core.pool.PoolKey;
import java.util.Objects;

/** An endpoint of a cluster together with the key of its connection pool, computed once per endpoint. */
public record UpstreamEndpoint(Endpoint endpoint, PoolKey poolKey) {

    public UpstreamEndpoint {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(poolKey, "poolKey");
    }

    public static UpstreamEndpoint of(Endpoint endpoint) {
        return new UpstreamEndpoint(endpoint, PoolKey.of(endpoint.address(), endpoint.port()));
    }
}
