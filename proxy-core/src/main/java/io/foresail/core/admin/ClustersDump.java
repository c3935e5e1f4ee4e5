package io.foresail.core.admin;

import io.foresail.config.table.Cluster;
import io.foresail.config.table.Endpoint;
import io.foresail.config.table.RoutingTable;
import java.util.TreeMap;

/** The admin {@code /clusters}: every cluster by name, with its service, subset, endpoints and their weights. */
final class ClustersDump {

    private ClustersDump() {
    }

    static String of(RoutingTable table) {
        JsonText json = new JsonText().beginArray();
        for (Cluster cluster : new TreeMap<>(table.clusters()).values()) {
            json.beginObject().field("name", cluster.name()).field("host", cluster.host()).field("port", cluster.port())
                    .field("subset", cluster.subset()).name("tls").value(cluster.tls().isPresent())
                    .name("endpoints").beginArray();
            for (Endpoint endpoint : cluster.endpoints()) {
                json.beginObject().field("address", endpoint.address()).field("port", endpoint.port())
                        .field("weight", endpoint.weight()).endObject();
            }
            json.endArray().endObject();
        }
        return json.endArray().toString();
    }
}
