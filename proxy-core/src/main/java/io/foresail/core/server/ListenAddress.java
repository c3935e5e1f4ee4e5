package io.foresail.core.server;

import java.net.InetSocketAddress;

/** Where the listener of a Gateway port binds. */
@FunctionalInterface
interface ListenAddress {

    InetSocketAddress address(int gatewayPort);

    /** {@code bindHost:gatewayPort}, or {@code 127.0.0.1:0} for every port with {@code ephemeralPorts}. */
    static ListenAddress of(ProxyServerOptions options) {
        return options.ephemeralPorts()
                ? gatewayPort -> new InetSocketAddress("127.0.0.1", 0)
                : gatewayPort -> new InetSocketAddress(options.bindHost(), gatewayPort);
    }
}
