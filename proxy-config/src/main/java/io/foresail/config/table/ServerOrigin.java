package io.foresail.config.table;

import io.foresail.config.model.SourcePosition;
import java.util.List;
import java.util.Objects;

/**
 * The Gateway server a compiled listener target was built from, for {@code explain} and the admin
 * pages: which Gateway, which of its servers, and where that server is written.
 *
 * @param gateway  the Gateway as {@code namespace/name}
 * @param portName the server's {@code port.name}
 * @param protocol the server's {@code port.protocol} as written
 * @param hosts    the server's {@code hosts} as written
 * @param position the position of the server ({@code spec.servers[i]}) in its file
 */
public record ServerOrigin(String gateway, String portName, String protocol, List<String> hosts,
                           SourcePosition position) {

    public ServerOrigin {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(portName, "portName");
        Objects.requireNonNull(protocol, "protocol");
        hosts = List.copyOf(hosts);
        Objects.requireNonNull(position, "position");
    }

    @Override
    public String toString() {
        return "Gateway " + gateway + " server " + portName + " (" + protocol + ") hosts " + hosts + " at " + position;
    }
}
