package io.foresail.core.admin;

import io.foresail.config.table.Cluster;
import io.foresail.config.table.Endpoint;
import io.foresail.config.table.RoutingTable;
import io.foresail.core.upstream.EndpointHealth;
import io.foresail.core.upstream.EndpointHealthTable;
import java.util.TreeMap;

/**
 * The admin {@code /clusters}: every cluster by name, with its service, subset, endpoints, their
 * weights and health: {@code healthy} unless the last connection attempt failed, the connection
 * attempts and failures since the config was published, and the last failure's reason and time.
 */
final class ClustersDump {

    private ClustersDump() {
    }

    static String of(RoutingTable table, EndpointHealthTable health) {
        JsonText json = new JsonText().beginArray();
        for (Cluster cluster : new TreeMap<>(table.clusters()).values()) {
            json.beginObject().field("name", cluster.name()).field("host", cluster.host()).field("port", cluster.port())
                    .field("subset", cluster.subset()).name("tls").value(cluster.tls().isPresent())
                    .name("endpoints").beginArray();
            for (Endpoint endpoint : cluster.endpoints()) {
                json.beginObject().field("address", endpoint.address()).field("port", endpoint.port())
                        .field("weight", endpoint.weight());
                health(json, health.of(endpoint.address(), endpoint.port()));
                json.endObject();
            }
            json.endArray().endObject();
        }
        return json.endArray().toString();
    }

    private static void health(JsonText json, EndpointHealth health) {
        json.name("health").beginObject();
        if (health == null) { // a table other than the one the health follows: nothing known
            json.field("status", "unknown").endObject();
            return;
        }
        json.field("status", health.healthy() ? "healthy" : "connect_failed")
                .field("connect_attempts", health.connectAttempts())
                .field("connect_failures", health.connectFailures());
        health.lastFailure().ifPresent(failure -> json.field("last_failure", failure.reason())
                .field("last_failure_at", failure.at().toString()));
        json.endObject();
    }
}
