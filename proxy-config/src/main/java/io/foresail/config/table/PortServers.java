package io.foresail.config.table;

import io.foresail.config.model.ConfigCodes;
import io.foresail.config.model.Gateway;
import io.foresail.config.model.Port;
import io.foresail.config.model.Server;
import io.foresail.config.validate.Protocol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Decides which Gateway servers may share a port, the way Istio's {@code MergeGateways} does when
 * several servers of one or more Gateways name the same port (servers offered in Gateway load
 * order, then list order):
 * <ul>
 *   <li>plaintext HTTP-family servers merge: they share one route table;</li>
 *   <li>a plaintext non-HTTP server (TCP, MONGO, ...) shares its port with nothing: whichever
 *       comes second, plaintext HTTP or not, is skipped;</li>
 *   <li>a TLS server (HTTPS, TLS) after a plaintext server is skipped; a plaintext HTTP server
 *       after TLS servers joins them (Istio puts both on one listener);</li>
 *   <li>a TLS server repeating a host string of an earlier TLS server on the port is skipped
 *       whole ("duplicate host names").</li>
 * </ul>
 * Plaintext HTTP servers of two Gateways of one workload naming the same host on one port are
 * merged but reported (istioctl's IST0145; Kiali's KIA0301 within one Gateway).
 */
final class PortServers {

    /**
     * Why a server offered for a port is reported.
     *
     * @param skipped true when the server is not served at all; false when it is merged but reported
     */
    record Conflict(String code, String message, boolean skipped) {
    }

    private enum Kind {
        PLAINTEXT_HTTP, PLAINTEXT_OTHER, TLS;

        static Kind of(Protocol protocol) {
            if (protocol.isHttp()) {
                return PLAINTEXT_HTTP;
            }
            return protocol.isTls() ? TLS : PLAINTEXT_OTHER;
        }
    }

    private record Placed(Gateway gateway, String path, Port port, Kind kind, List<String> hosts) {

        String describe() {
            return "Gateway " + gateway.meta().id() + " " + path + " (" + port.protocol() + " \"" + port.name() + "\")";
        }
    }

    private final Map<Integer, List<Placed>> byPort = new HashMap<>();
    private final BiPredicate<Gateway, Gateway> sameWorkload;

    /** @param sameWorkload whether two Gateways are served by the same proxy (their servers can conflict) */
    PortServers(BiPredicate<Gateway, Gateway> sameWorkload) {
        this.sameWorkload = sameWorkload;
    }

    /**
     * Offers {@code server} (at {@code path} in {@code gateway}) for its port: returns empty and
     * records it when it may be served there, or the reason it is skipped, naming the server it
     * conflicts with.
     */
    Optional<Conflict> offer(Gateway gateway, String path, Server server, Port port) {
        Kind kind = Kind.of(Protocol.parse(port.protocol()));
        List<String> hosts = normalised(server.hosts(), gateway.meta().namespace());
        List<Placed> placed = byPort.computeIfAbsent(port.number(), p -> new ArrayList<>());
        for (Placed earlier : placed) {
            String reason = conflict(kind, hosts, earlier);
            if (reason != null) {
                String code = reason.startsWith("duplicate host names") ? duplicateHostCode(gateway, earlier)
                        : ConfigCodes.PORT_CONFLICT;
                return Optional.of(new Conflict(code, port.protocol() + " server on port " + port.number() + " skipped: "
                        + reason + " with " + earlier.describe() + ", which was loaded first and keeps the port", true));
            }
        }
        Optional<Conflict> merged = Optional.empty();
        if (kind == Kind.PLAINTEXT_HTTP) {
            for (Placed earlier : placed) {
                List<String> duplicates = duplicates(hosts, earlier);
                if (earlier.kind() == Kind.PLAINTEXT_HTTP && !duplicates.isEmpty()
                        && sameWorkload.test(gateway, earlier.gateway())) {
                    merged = Optional.of(new Conflict(duplicateHostCode(gateway, earlier), "host " + duplicates
                            + " on port " + port.number() + " is also served by " + earlier.describe()
                            + ": the routes of both are merged, the earlier VirtualService wins", false));
                    break;
                }
            }
        }
        placed.add(new Placed(gateway, path, port, kind, hosts));
        return merged;
    }

    private static String duplicateHostCode(Gateway gateway, Placed earlier) {
        return earlier.gateway() == gateway ? ConfigCodes.GATEWAY_MULTIMATCH : ConfigCodes.CONFLICTING_GATEWAYS;
    }

    private static List<String> duplicates(List<String> hosts, Placed earlier) {
        return hosts.stream().filter(earlier.hosts()::contains).distinct().toList();
    }

    private static String conflict(Kind kind, List<String> hosts, Placed earlier) {
        if (kind == Kind.PLAINTEXT_OTHER || earlier.kind() == Kind.PLAINTEXT_OTHER) {
            return "a plaintext non-HTTP server cannot share its port, conflict";
        }
        if (kind == Kind.TLS && earlier.kind() == Kind.PLAINTEXT_HTTP) {
            return "a TLS server cannot follow a plaintext HTTP server on one port, conflict";
        }
        if (kind == Kind.TLS && earlier.kind() == Kind.TLS) {
            List<String> duplicates = duplicates(hosts, earlier);
            if (!duplicates.isEmpty()) {
                return "duplicate host names " + duplicates;
            }
        }
        return null;
    }

    /** Host strings as Istio compares them: {@code *}{@code /h} → {@code h}, {@code ./h} → {@code gwns/h}. */
    private static List<String> normalised(List<String> hosts, String gatewayNamespace) {
        return ServerHost.parseAll(hosts, gatewayNamespace).stream().map(ServerHost::normalised).toList();
    }
}
