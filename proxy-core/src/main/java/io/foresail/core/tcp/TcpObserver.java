package io.foresail.core.tcp;

import io.foresail.core.http.ResponseFlag;
import java.util.Map;

/**
 * Hears about TCP-forwarded connections, for the Istio TCP metrics. Called on the connection's
 * event loop: implementations must not block, lock or allocate per call.
 */
@FunctionalInterface
public interface TcpObserver {

    /** Hears nothing. */
    TcpObserver NONE = (clusterName, endpointLabels) -> TcpMeters.NONE;

    /**
     * The meters of one connection, once its destination is picked: they must be bound in advance
     * (returned, not made, per connection).
     *
     * @param clusterName    the cluster forwarded to, or {@code null} when the destination has none
     * @param endpointLabels the labels of the endpoint picked; empty when there is none
     */
    TcpMeters meters(String clusterName, Map<String, String> endpointLabels);

    /** What one connection reports, in the order it happens: opened, bytes both ways, closed. */
    interface TcpMeters {

        /** Counts nothing. */
        TcpMeters NONE = new TcpMeters() {
            @Override
            public void opened(ResponseFlag flag) {
            }

            @Override
            public void received(long bytes) {
            }

            @Override
            public void sent(long bytes) {
            }

            @Override
            public void closed(ResponseFlag flag) {
            }
        };

        /** The connection is open: upstream connected ({@link ResponseFlag#NONE}), or it ends first with {@code flag}. */
        void opened(ResponseFlag flag);

        /** {@code bytes} from the client relayed upstream. */
        void received(long bytes);

        /** {@code bytes} from the upstream relayed to the client. */
        void sent(long bytes);

        /** The connection ended, with {@code flag} ({@link ResponseFlag#NONE}: nothing unusual). */
        void closed(ResponseFlag flag);
    }
}
