package io.foresail.core.accesslog;

import io.foresail.core.http.ResponseFlag;
import io.foresail.core.pool.PoolKey;
import io.foresail.core.proxy.ExchangeOutcome;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Map;

/** Outcomes as the exchange reports them, for the formatter tests. */
final class SampleOutcomes {

    static final long START = Instant.parse("2026-12-06T21:47:18.123Z").toEpochMilli();
    static final String CLUSTER = "outbound|80||echo.local";

    private SampleOutcomes() {
    }

    static InetSocketAddress address(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }

    static ExchangeOutcome.Downstream downstream(String userAgent, String forwardedFor, long bytesSent) {
        return new ExchangeOutcome.Downstream(START, HttpVersion.HTTP_1_1, "/api?x=1", "edge.example.com", userAgent,
                forwardedFor, "6c1d0e4a-request", address("10.0.0.9", 51234), address("10.0.0.2", 8080), null, 0,
                bytesSent);
    }

    static ExchangeOutcome.Forwarded forwarded(long serviceTimeMillis, String transportFailureReason) {
        return new ExchangeOutcome.Forwarded("edge.default", "echo.local", Map.of(),
                serviceTimeMillis < 0 ? null : address("10.0.0.2", 40112), serviceTimeMillis, transportFailureReason,
                1);
    }

    /** A GET relayed from upstream 10.0.1.4:8080: 200, 12 body bytes, 3.4 ms, upstream service time 2 ms. */
    static ExchangeOutcome proxied() {
        return proxied("curl/8.5.0");
    }

    static ExchangeOutcome proxied(String userAgent) {
        return new ExchangeOutcome(8080, HttpMethod.GET, "/api", 200, ResponseFlag.NONE, CLUSTER,
                PoolKey.of("10.0.1.4", 8080), 3_400_000, 1, downstream(userAgent, "10.0.0.9", 12), forwarded(2, null));
    }

    /** No route: 404 {@code NR}, no cluster, nothing forwarded, no client headers but the request id. */
    static ExchangeOutcome noRoute() {
        return new ExchangeOutcome(8080, HttpMethod.GET, "/api", 404, ResponseFlag.NR, null, null, 1_000_000, 1,
                downstream(null, null, 0), null);
    }

    /** Connecting to 10.0.1.4:8080 failed: 503 {@code UF}, with the given transport failure reason (or none). */
    static ExchangeOutcome connectFailure(String transportFailureReason) {
        return new ExchangeOutcome(8080, HttpMethod.GET, "/api", 503, ResponseFlag.UF, CLUSTER,
                PoolKey.of("10.0.1.4", 8080), 2_000_000, 1, downstream("curl/8.5.0", "10.0.0.9", 91),
                forwarded(-1, transportFailureReason));
    }

    /** An outcome like {@code base} with another flag, status and upstream side. */
    static ExchangeOutcome with(ExchangeOutcome base, ResponseFlag flag, int status, ExchangeOutcome.Forwarded forwarded) {
        return new ExchangeOutcome(base.gatewayPort(), base.method(), base.path(), status, flag, base.clusterName(),
                base.upstream(), base.durationNanos(), base.snapshotVersion(), base.downstream(), forwarded);
    }

    static ExchangeOutcome withCluster(ExchangeOutcome base, String clusterName) {
        return new ExchangeOutcome(base.gatewayPort(), base.method(), base.path(), base.status(), base.flag(), clusterName,
                base.upstream(), base.durationNanos(), base.snapshotVersion(), base.downstream(), base.forwarded());
    }
}
