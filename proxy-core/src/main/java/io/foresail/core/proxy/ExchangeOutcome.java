package io.foresail.core.proxy;

import io.foresail.core.http.ResponseFlag;
import io.foresail.core.pool.PoolKey;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.SocketAddress;
import java.util.Map;

/**
 * How one request ended, for access logs and metrics. Built once per request on its event loop
 * from values the exchange already holds (no formatting here: the access log formats off the loop).
 *
 * @param gatewayPort     the configured Gateway port of the listener
 * @param method          the request method
 * @param path            the request path without query, as routed (normalised)
 * @param status          the status sent downstream, or 0 when none was sent
 * @param flag            why it ended so, {@link ResponseFlag#NONE} when nothing unusual happened
 * @param clusterName     the cluster routed to, or {@code null} when none was chosen
 * @param upstream        the endpoint used (the last try's), or {@code null} when none was chosen
 * @param durationNanos   from the request head to the end of the exchange
 * @param snapshotVersion the version of the snapshot the request was routed with
 * @param downstream      the downstream side: times, head values, addresses, byte counts
 * @param forwarded       the upstream side, or {@code null} when the request was not forwarded
 */
public record ExchangeOutcome(int gatewayPort, HttpMethod method, String path, int status, ResponseFlag flag,
                              String clusterName, PoolKey upstream, long durationNanos, long snapshotVersion,
                              Downstream downstream, Forwarded forwarded) {

    /**
     * What the access log reads of the downstream side; absent head values are {@code null}.
     *
     * @param startEpochMillis    wall-clock time of the request head
     * @param protocol            the request's HTTP version
     * @param target              the origin-form target as received (normalised path and query), before any
     *                            rewrite: Envoy's {@code X-ENVOY-ORIGINAL-PATH?:PATH}
     * @param authority           the {@code Host} (or absolute-form authority) the request was routed by
     * @param userAgent           {@code user-agent}
     * @param forwardedFor        {@code x-forwarded-for} as sent upstream (the client address appended)
     * @param requestId           {@code x-request-id} (generated at the edge when absent)
     * @param remoteAddress       the client's address
     * @param localAddress        the address the client connected to
     * @param requestedServerName the TLS SNI of the connection, or {@code null}
     * @param bytesReceived       request body bytes read from the client
     * @param bytesSent           response body bytes written to the client
     */
    public record Downstream(long startEpochMillis, HttpVersion protocol, String target, String authority,
                             String userAgent, String forwardedFor, String requestId, SocketAddress remoteAddress,
                             SocketAddress localAddress, String requestedServerName, long bytesReceived, long bytesSent) {
    }

    /**
     * What the access log and the Istio metrics read of a forwarded request.
     *
     * @param routeName              the route's name (Istio's {@code route.match} naming)
     * @param destinationHost        the route destination's host (Istio's {@code destination_service})
     * @param endpointLabels         the labels of the endpoint used ({@code version} is Istio's {@code destination_version});
     *                               empty when no endpoint was picked
     * @param localAddress           the proxy's address on the upstream connection, or {@code null}
     * @param serviceTimeMillis      from the last try's start to its response head ({@code x-envoy-upstream-service-time}),
     *                               or -1 when no response head came
     * @param transportFailureReason why connecting failed at the transport level (TLS), or {@code null}
     * @param attempts               tries made (1 + retries)
     */
    public record Forwarded(String routeName, String destinationHost, Map<String, String> endpointLabels,
                            SocketAddress localAddress, long serviceTimeMillis, String transportFailureReason,
                            int attempts) {
    }
}
