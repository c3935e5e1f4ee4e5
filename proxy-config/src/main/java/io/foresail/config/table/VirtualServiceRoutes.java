package io.foresail.config.table;

import java.util.List;

/**
 * One VirtualService's HTTP routes as translated for one gateway server.
 *
 * @param routes         the routes, in rule and block order, up to the first catch-all
 * @param anyRuleApplies whether any rule survived the server's port, gateway and source checks;
 *                       false: Istio skips the VirtualService there, so it takes no domain
 */
record VirtualServiceRoutes(List<Route> routes, boolean anyRuleApplies) {

    VirtualServiceRoutes {
        routes = List.copyOf(routes);
    }
}
