package io.foresail.config.table;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a Gateway server's {@code hosts}, parsed: the namespace whose VirtualServices it
 * admits ({@code *} for any; {@code ./} resolved to the Gateway's namespace) and the host pattern.
 */
record ServerHost(String namespace, String host) {

    static ServerHost parse(String written, String gatewayNamespace) {
        int slash = written.indexOf('/');
        if (slash < 0) {
            return new ServerHost("*", written);
        }
        String namespace = written.substring(0, slash);
        return new ServerHost(namespace.equals(".") ? gatewayNamespace : namespace, written.substring(slash + 1));
    }

    static List<ServerHost> parseAll(List<String> written, String gatewayNamespace) {
        List<ServerHost> hosts = new ArrayList<>(written.size());
        written.forEach(host -> hosts.add(parse(host, gatewayNamespace)));
        return hosts;
    }

    boolean admits(String virtualServiceNamespace) {
        return namespace.equals("*") || namespace.equals(virtualServiceNamespace);
    }

    /** The host as Istio compares server hosts for duplicates: {@code h} for any namespace, else {@code ns/h}. */
    String normalised() {
        return namespace.equals("*") ? host : namespace + "/" + host;
    }
}
