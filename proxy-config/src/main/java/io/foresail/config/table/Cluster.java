package io.foresail.config.table;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A set of upstream endpoints for one service port (and subset). An empty endpoint list is legal:
 * requests routed here get 503 with flag {@code UH}.
 *
 * @param name      {@code outbound|<port>|<subset>|<host>}, Istio's cluster name
 * @param host      the service host
 * @param port      the service port number
 * @param subset    the DestinationRule subset name, or empty
 * @param endpoints the endpoints, each with its resolved port
 * @param tls       TLS origination to the endpoints (DestinationRule {@code trafficPolicy.tls}), or empty for plaintext
 */
public record Cluster(String name, String host, int port, String subset, List<Endpoint> endpoints,
                      Optional<UpstreamTlsSettings> tls) {

    public Cluster {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(subset, "subset");
        endpoints = List.copyOf(endpoints);
        Objects.requireNonNull(tls, "tls");
    }

    /** A plaintext cluster. */
    public Cluster(String name, String host, int port, String subset, List<Endpoint> endpoints) {
        this(name, host, port, subset, endpoints, Optional.empty());
    }

    public static String nameOf(int port, String subset, String host) {
        return "outbound|" + port + "|" + subset + "|" + host;
    }
}
