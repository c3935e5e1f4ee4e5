package io.foresail.core.admin;

import io.foresail.config.table.ChainTarget;
import io.foresail.config.table.Forward;
import io.foresail.config.table.HttpRoutes;
import io.foresail.config.table.PortListener;
import io.foresail.config.table.Route;
import io.foresail.config.table.RoutingTable;
import io.foresail.config.table.TcpForward;
import io.foresail.config.table.TlsChain;
import io.foresail.config.table.VirtualHost;
import io.foresail.config.table.WeightedDestination;

/**
 * The admin {@code /routes}: for each listener, its plaintext target and each TLS chain, with the
 * route tables they serve: virtual hosts, routes in match order with the VirtualService and
 * file:line each came from, and their destinations.
 */
final class RouteTablesDump {

    private RouteTablesDump() {
    }

    static String of(RoutingTable table) {
        JsonText json = new JsonText().beginArray();
        for (int port : table.ports()) {
            PortListener listener = table.listener(port);
            json.beginObject().field("port", port);
            listener.plaintext().ifPresent(target -> {
                json.name("plaintext");
                target(json, target);
            });
            json.name("tls_chains").beginArray();
            for (TlsChain chain : listener.tlsChains()) {
                json.beginObject().field("name", chain.name()).name("server_names").beginArray();
                chain.serverNames().forEach(json::value);
                json.endArray().name("terminated").value(chain.termination().isPresent());
                chain.termination().ifPresent(tls -> json.field("certificate", tls.certificate().certificateChain().toString()));
                json.name("target");
                target(json, chain.target());
                json.endObject();
            }
            json.endArray().endObject();
        }
        return json.endArray().toString();
    }

    private static void target(JsonText json, ChainTarget target) {
        json.beginObject().field("name", target.name());
        if (target instanceof TcpForward tcp) {
            json.field("kind", "tcp");
            destinations(json, tcp.forward());
        } else {
            json.field("kind", "http").name("virtual_hosts").beginArray();
            for (VirtualHost virtualHost : ((HttpRoutes) target).virtualHosts().virtualHosts()) {
                json.beginObject().name("domains").beginArray();
                virtualHost.domains().forEach(json::value);
                json.endArray().name("https_redirect").value(virtualHost.requireTls()).name("routes").beginArray();
                for (Route route : virtualHost.routes()) {
                    route(json, route);
                }
                json.endArray().endObject();
            }
            json.endArray();
        }
        json.endObject();
    }

    private static void route(JsonText json, Route route) {
        json.beginObject().field("name", route.name())
                .field("virtual_service", route.origin().virtualServiceId())
                .field("file", route.origin().position().file())
                .field("line", route.origin().position().line())
                .name("match").beginArray();
        route.matches().forEach(match -> json.value(String.valueOf(match)));
        json.endArray();
        if (route.action() instanceof Forward forward) {
            destinations(json, forward);
        }
        json.endObject();
    }

    private static void destinations(JsonText json, Forward forward) {
        json.name("destinations").beginArray();
        for (WeightedDestination destination : forward.destinations()) {
            json.beginObject().field("cluster", destination.clusterName()).field("weight", destination.weight()).endObject();
        }
        json.endArray();
    }
}
