package io.foresail.config.table;

import io.foresail.config.model.ConfigCodes;
import io.foresail.config.model.Gateway;
import io.foresail.config.model.Port;
import io.foresail.config.model.Server;
import io.foresail.config.model.ServerTls;
import io.foresail.config.validate.Protocol;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Serves each Gateway server that {@link PortServers} let onto its port, by its protocol and TLS
 * mode (ISTIO-API §2.3):
 * <ul>
 *   <li>plaintext HTTP: the port's shared route table (with {@code httpsRedirect}: HTTPS redirects);</li>
 *   <li>HTTPS terminated ({@code SIMPLE}, {@code MUTUAL}, {@code OPTIONAL_MUTUAL}): one chain with its own route table;</li>
 *   <li>TLS terminated: one chain forwarding the decrypted bytes by the first matching {@code tcp[]} route;</li>
 *   <li>HTTPS or TLS {@code PASSTHROUGH}: one chain per matching {@code tls[].match[]}, by SNI;</li>
 *   <li>TCP, MONGO, REDIS, MYSQL: the port's plaintext target, by the first matching {@code tcp[]} route.</li>
 * </ul>
 */
final class ServerBinder {

    private final CompileContext context;
    private final HttpServerBinder http;
    private final L4RouteBinder l4;
    private final ServerTlsTranslator tls;
    private final PortListenersBuilder listeners = new PortListenersBuilder();

    ServerBinder(CompileContext context, HttpServerBinder http, L4RouteBinder l4, ServerTlsTranslator tls) {
        this.context = context;
        this.http = http;
        this.l4 = l4;
        this.tls = tls;
    }

    /** Serves {@code server} (at {@code path} in {@code gateway}) on {@code port}. */
    void bind(Gateway gateway, Server server, String path, Port port) {
        if (!server.bind().isEmpty()) {
            context.warn(ConfigCodes.NOT_SUPPORTED, gateway, path + ".bind", "bind is not supported yet: the port is served on every address");
        }
        Protocol protocol = Protocol.parse(port.protocol());
        ServerOrigin origin = origin(gateway, server, path, port);
        if (protocol.isHttp()) {
            http.bindPlaintext(gateway, server, port, origin);
        } else if (protocol.isTls()) {
            ServerTls settings = server.tls().orElseThrow();
            if (settings.effectiveMode().equals("PASSTHROUGH")) {
                bindPassthrough(gateway, server, path, port, origin);
            } else {
                bindTerminated(gateway, server, path, port, protocol, settings, origin);
            }
        } else if (protocol == Protocol.UDP) {
            context.warn(gateway, path + ".port.protocol", "UDP server on port " + port.number()
                    + " is not supported: skipped");
        } else {
            Optional<Forward> forward = l4.tcpForward(gateway, server, port.number());
            if (forward.isEmpty()) {
                context.warn(gateway, path, noTcpRoute(port, gateway));
            } else {
                listeners.plaintext(port.number(), new TcpForward("tcp." + port.number(), forward.get(),
                        List.of(origin)));
            }
        }
    }

    /** Which server of which Gateway, and where it is written. */
    private static ServerOrigin origin(Gateway gateway, Server server, String path, Port port) {
        return new ServerOrigin(gateway.meta().namespace() + "/" + gateway.meta().name(), port.name(), port.protocol(),
                server.hosts(), gateway.positions().of(path));
    }

    Map<Integer, PortListener> listeners() {
        http.plaintext().forEach(listeners::plaintext);
        return listeners.build();
    }

    private void bindTerminated(Gateway gateway, Server server, String path, Port port, Protocol protocol,
                                ServerTls settings, ServerOrigin origin) {
        Optional<ServerTlsSettings> termination = tls.translate(gateway, path + ".tls", settings);
        if (termination.isEmpty()) {
            return;
        }
        String name = (protocol == Protocol.HTTPS ? "https." : "tls.") + port.number() + "." + port.name() + "."
                + gateway.meta().name() + "." + gateway.meta().namespace();
        ChainTarget target;
        if (protocol == Protocol.HTTPS) {
            target = http.terminated(gateway, server, port, name, origin);
        } else {
            Optional<Forward> forward = l4.tcpForward(gateway, server, port.number());
            if (forward.isEmpty()) {
                context.warn(gateway, path, noTcpRoute(port, gateway));
                return;
            }
            target = new TcpForward(name, forward.get(), List.of(origin));
        }
        List<String> serverNames = ServerHosts.serverNames(server.hosts(), gateway.meta().namespace());
        addChain(gateway, path, port, new TlsChain(name, serverNames, termination, target));
    }

    private void bindPassthrough(Gateway gateway, Server server, String path, Port port, ServerOrigin origin) {
        List<L4RouteBinder.PassthroughRule> rules = l4.passthroughRules(gateway, server, port.number());
        if (rules.isEmpty()) {
            context.warn(gateway, path, port.protocol() + " PASSTHROUGH server on port " + port.number()
                    + ": no VirtualService bound to " + gateway.meta().id() + " has a tls route whose sniHosts "
                    + "this server admits: skipped");
            return;
        }
        for (L4RouteBinder.PassthroughRule rule : rules) {
            String name = "passthrough." + port.number() + "." + port.name() + "." + gateway.meta().name() + "."
                    + gateway.meta().namespace() + "." + rule.vs().meta().name() + "." + rule.vs().meta().namespace()
                    + "." + rule.path();
            List<String> serverNames = rule.serverNames().contains("*") ? List.of() : rule.serverNames();
            addChain(gateway, path, port, new TlsChain(name, serverNames, Optional.empty(),
                    new TcpForward(name, rule.forward(), List.of(origin))));
        }
    }

    private void addChain(Gateway gateway, String path, Port port, TlsChain chain) {
        listeners.addChain(port.number(), chain).ifPresent(conflict -> context.warn(gateway, path,
                port.protocol() + " server on port " + port.number() + ": TLS chain " + chain.name()
                        + " skipped: " + conflict));
    }

    private static String noTcpRoute(Port port, Gateway gateway) {
        return port.protocol() + " server on port " + port.number() + ": no VirtualService bound to "
                + gateway.meta().id() + " has a tcp route matching it (hosts, match.port, match.gateways): skipped";
    }
}
