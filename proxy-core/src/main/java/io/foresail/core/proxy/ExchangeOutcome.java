package io.foresail.core.proxy;

import io.foresail.core.http.ResponseFlag;
import io.foresail.core.pool.PoolKey;
import io.netty.handler.codec.http.HttpMethod;

/**
 * How one request ended, for access logs and metrics.
 *
 * @param gatewayPort    the configured Gateway port of the listener
 * @param method         the request method
 * @param path           the request path without query
 * @param status         the status sent downstream, or 0 when none was sent
 * @param flag           why it ended so, {@link ResponseFlag#NONE} when nothing unusual happened
 * @param clusterName    the cluster routed to, or {@code null} when none was chosen
 * @param upstream       the endpoint used, or {@code null} when none was chosen
 * @param durationNanos  from the request head to the end of the exchange
 * @param snapshotVersion the version of the snapshot the request was routed with
 */
public record ExchangeOutcome(int gatewayPort, HttpMethod method, String path, int status, ResponseFlag flag,
                              String clusterName, PoolKey upstream, long durationNanos, long snapshotVersion) {
}
