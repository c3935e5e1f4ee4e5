package io.foresail.core.admin;

import io.foresail.config.table.Cluster;
import io.foresail.config.table.Endpoint;
import io.foresail.config.table.Forward;
import io.foresail.config.table.HttpRoutes;
import io.foresail.config.table.PortListener;
import io.foresail.config.table.RequestMatch;
import io.foresail.config.table.Route;
import io.foresail.config.table.RouteAction;
import io.foresail.config.table.VirtualHost;
import io.foresail.config.table.WeightedDestination;
import io.foresail.core.runtime.ProxySnapshot;
import java.util.Map;
import java.util.TreeMap;

/**
 * The admin {@code /config_dump}: the snapshot's version, content hash, load time (ISO-8601 UTC) and
 * source files, and the compiled routing table as JSON — listeners, virtual hosts, routes in match
 * order with their weighted destinations, and clusters with endpoints.
 */
final class ConfigDump {

    private ConfigDump() {
    }

    static String of(ProxySnapshot snapshot) {
        JsonText json = new JsonText().beginObject()
                .field("version", snapshot.version())
                .field("content_hash", snapshot.table().contentHash())
                .field("loaded_at", snapshot.origin().loadedAt().toString())
                .name("sources").beginArray();
        snapshot.origin().sources().forEach(json::value);
        json.endArray().name("listeners").beginArray();
        for (int port : snapshot.table().ports()) {
            listener(json, snapshot.table().listener(port));
        }
        json.endArray().name("clusters").beginArray();
        for (Map.Entry<String, Cluster> entry : new TreeMap<>(snapshot.table().clusters()).entrySet()) {
            cluster(json, entry.getValue());
        }
        return json.endArray().endObject().toString();
    }

    private static void listener(JsonText json, PortListener listener) {
        HttpRoutes routes = listener.plaintextHttp();
        if (routes == null) {
            return;
        }
        json.beginObject().field("name", routes.name()).field("port", listener.port())
                .name("virtual_hosts").beginArray();
        for (VirtualHost virtualHost : routes.virtualHosts().virtualHosts()) {
            json.beginObject().name("domains").beginArray();
            virtualHost.domains().forEach(json::value);
            json.endArray().name("routes").beginArray();
            for (Route route : virtualHost.routes()) {
                route(json, route);
            }
            json.endArray().endObject();
        }
        json.endArray().endObject();
    }

    private static void route(JsonText json, Route route) {
        json.beginObject().field("name", route.name()).name("match").beginArray();
        for (RequestMatch match : route.matches()) {
            json.beginObject().field("uri", String.valueOf(match.uri()));
            if (!match.headers().isEmpty()) {
                json.name("headers").beginObject();
                match.headers().forEach(header -> json.field(header.name(), String.valueOf(header.match())));
                json.endObject();
            }
            if (!match.queryParams().isEmpty()) {
                json.name("query_parameters").beginObject();
                match.queryParams().forEach(param -> json.field(param.name(), String.valueOf(param.match())));
                json.endObject();
            }
            json.endObject();
        }
        json.endArray();
        RouteAction action = route.action();
        if (action instanceof Forward forward) {
            json.name("route").beginArray();
            for (WeightedDestination destination : forward.destinations()) {
                json.beginObject().field("cluster", destination.clusterName())
                        .field("weight", destination.weight())
                        .name("cluster_defined").value(destination.cluster().isPresent())
                        .endObject();
            }
            json.endArray();
        }
        json.endObject();
    }

    private static void cluster(JsonText json, Cluster cluster) {
        json.beginObject().field("name", cluster.name()).name("endpoints").beginArray();
        for (Endpoint endpoint : cluster.endpoints()) {
            json.beginObject().field("address", endpoint.address()).field("port", endpoint.port())
                    .field("weight", endpoint.weight()).endObject();
        }
        json.endArray().endObject();
    }
}
