package io.foresail.config.yaml;

import io.foresail.config.model.Gateway;
import io.foresail.config.model.Port;
import io.foresail.config.model.ResourceMeta;
import io.foresail.config.model.Server;
import io.foresail.config.model.ServerTls;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Binds a Gateway {@code spec}. */
final class GatewayReader {

    private GatewayReader() {
    }

    static Gateway read(ResourceMeta meta, Optional<MappingReader> spec, ParseSession session) {
        Map<String, String> selector = spec.map(s -> s.stringMap("selector")).orElse(Map.of());
        List<Server> servers = spec.map(s -> s.objects("servers", GatewayReader::server)).orElse(List.of());
        return new Gateway(meta, selector, servers, session.positions());
    }

    private static Server server(MappingReader server) {
        Optional<Port> port = server.object("port", p -> new Port(p.uint32("number"), p.string("protocol"),
                p.string("name"), p.uint32("targetPort")));
        String bind = server.string("bind");
        List<String> hosts = server.strings("hosts");
        Optional<ServerTls> tls = server.object("tls", GatewayReader::tls);
        String name = server.string("name");
        server.unsupported("defaultEndpoint", IstioShapes.SCALAR);
        return new Server(port, bind, hosts, tls, name);
    }

    private static ServerTls tls(MappingReader tls) {
        ServerTls settings = new ServerTls(tls.bool("httpsRedirect"), tls.string("mode"),
                tls.string("serverCertificate"), tls.string("privateKey"), tls.string("caCertificates"),
                tls.string("caCrl"), tls.string("credentialName"), tls.strings("credentialNames"),
                tls.string("caCertCredentialName"), tls.strings("subjectAltNames"), tls.string("minProtocolVersion"), tls.string("maxProtocolVersion"),
                tls.strings("cipherSuites"), tls.strings("verifyCertificateSpki"), tls.strings("verifyCertificateHash"));
        tls.unsupported("tlsCertificates", IstioShapes.TLS_CERTIFICATES);
        tls.unsupported("insecureSkipVerify", IstioShapes.SCALAR);
        return settings;
    }
}
