package io.foresail.core.router;

import io.foresail.config.table.Cluster;
import io.foresail.config.table.Route;
import io.foresail.config.table.WeightedDestination;
import io.foresail.core.http.ResponseFlag;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Objects;

/** What to do with one request: forward it to a cluster, answer it locally, or redirect it. */
public sealed interface RouteDecision {

    /**
     * Send the request to {@code cluster}, chosen as {@code destination} of {@code route}.
     * The cluster may have no endpoints; the load balancer turns that into 503 {@code UH}.
     */
    record Forward(Route route, WeightedDestination destination, Cluster cluster) implements RouteDecision {
        public Forward {
            Objects.requireNonNull(route, "route");
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(cluster, "cluster");
        }
    }

    /** Answer with {@code status} and {@code body} (empty for none), recording {@code flag}. */
    record LocalReply(HttpResponseStatus status, ResponseFlag flag, String body) implements RouteDecision {
        public LocalReply {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(flag, "flag");
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * Answer with {@code status} (301 for Envoy's {@code require_tls}) and {@code location},
     * with an empty body; nothing unusual happened ({@link ResponseFlag#NONE}).
     */
    record Redirect(HttpResponseStatus status, String location) implements RouteDecision {
        public Redirect {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(location, "location");
        }
    }
}
