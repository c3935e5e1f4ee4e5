package io.foresail.config.yaml;

import io.foresail.config.model.Destination;
import io.foresail.config.model.HttpMatchRequest;
import io.foresail.config.model.HttpMirror;
import io.foresail.config.model.HttpRoute;
import io.foresail.config.model.HttpRouteDestination;
import io.foresail.config.model.L4Match;
import io.foresail.config.model.ResourceMeta;
import io.foresail.config.model.RouteDestination;
import io.foresail.config.model.StringMatch;
import io.foresail.config.model.TcpRoute;
import io.foresail.config.model.TlsMatch;
import io.foresail.config.model.TlsRoute;
import io.foresail.config.model.VirtualService;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Binds a VirtualService {@code spec}. */
final class VirtualServiceReader {

    /** HTTPRoute fields removed from the Istio API (reserved); accepted and ignored, as Istio does. */
    private static final List<String> REMOVED_ROUTE_FIELDS = List.of("websocketUpgrade", "appendHeaders",
            "appendRequestHeaders", "removeRequestHeaders", "appendResponseHeaders", "removeResponseHeaders");

    private VirtualServiceReader() {
    }

    static VirtualService read(ResourceMeta meta, Optional<MappingReader> spec, ParseSession session) {
        if (spec.isEmpty()) {
            return new VirtualService(meta, List.of(), List.of(), List.of(), List.of(), List.of(), session.positions());
        }
        MappingReader vs = spec.get();
        List<String> hosts = vs.strings("hosts");
        List<String> gateways = vs.strings("gateways");
        List<HttpRoute> http = vs.objects("http", VirtualServiceReader::httpRoute);
        List<TlsRoute> tls = vs.objects("tls", route -> new TlsRoute(route.objects("match", VirtualServiceReader::tlsMatch),
                route.objects("route", VirtualServiceReader::routeDestination)));
        List<TcpRoute> tcp = vs.objects("tcp", route -> new TcpRoute(route.objects("match", VirtualServiceReader::l4Match),
                route.objects("route", VirtualServiceReader::routeDestination)));
        vs.unsupported("exportTo", IstioShapes.STRINGS);
        return new VirtualService(meta, hosts, gateways, http, tls, tcp, session.positions());
    }

    private static HttpRoute httpRoute(MappingReader route) {
        String name = route.string("name");
        List<HttpMatchRequest> match = route.objects("match", VirtualServiceReader::httpMatch);
        List<HttpRouteDestination> destinations = route.objects("route", destination -> {
            Optional<Destination> target = destination.object("destination", VirtualServiceReader::destination);
            int weight = destination.int32("weight");
            return new HttpRouteDestination(target, weight, HeadersReader.read(destination));
        });
        for (String removed : REMOVED_ROUTE_FIELDS) {
            route.removed(removed);
        }
        Set<String> unsupported = new LinkedHashSet<>();
        if (route.unsupported("delegate", IstioShapes.DELEGATE)) {
            unsupported.add("delegate");
        }
        return new HttpRoute(name, match, destinations, unsupported, RewriteReader.read(route),
                RedirectReader.read(route), DirectResponseReader.read(route), HeadersReader.read(route),
                route.duration("timeout"), RetryReader.read(route), FaultReader.read(route),
                route.object("mirror", VirtualServiceReader::destination), PercentReader.read(route, "mirrorPercentage"),
                route.optionalUint32("mirrorPercent", "mirror_percent"),
                route.objects("mirrors", mirror -> new HttpMirror(mirror.object("destination", VirtualServiceReader::destination),
                        PercentReader.read(mirror, "percentage"))),
                CorsPolicyReader.read(route));
    }

    private static HttpMatchRequest httpMatch(MappingReader match) {
        String name = match.string("name");
        Optional<StringMatch> uri = match.object("uri", StringMatchReader::read);
        boolean ignoreUriCase = match.bool("ignoreUriCase");
        Optional<StringMatch> scheme = match.object("scheme", StringMatchReader::read);
        Optional<StringMatch> method = match.object("method", StringMatchReader::read);
        Optional<StringMatch> authority = match.object("authority", StringMatchReader::read);
        Map<String, StringMatch> headers = match.objectMap("headers", StringMatchReader::read);
        Map<String, StringMatch> withoutHeaders = match.objectMap("withoutHeaders", StringMatchReader::read);
        Map<String, StringMatch> queryParams = match.objectMap("queryParams", StringMatchReader::read);
        int port = match.uint32("port");
        List<String> gateways = match.strings("gateways");
        Map<String, String> sourceLabels = match.stringMap("sourceLabels");
        String sourceNamespace = match.string("sourceNamespace");
        match.unsupported("statPrefix", IstioShapes.SCALAR);
        return new HttpMatchRequest(name, uri, ignoreUriCase, scheme, method, authority, headers, withoutHeaders,
                queryParams, port, gateways, sourceLabels, sourceNamespace);
    }

    private static TlsMatch tlsMatch(MappingReader match) {
        return new TlsMatch(match.strings("sniHosts"), match.strings("destinationSubnets"), match.uint32("port"),
                match.strings("gateways"), match.stringMap("sourceLabels"), match.string("sourceNamespace"));
    }

    private static L4Match l4Match(MappingReader match) {
        L4Match l4 = new L4Match(match.strings("destinationSubnets"), match.uint32("port"), match.strings("gateways"),
                match.stringMap("sourceLabels"), match.string("sourceNamespace"));
        match.unsupported("sourceSubnet", IstioShapes.SCALAR);
        return l4;
    }

    private static RouteDestination routeDestination(MappingReader destination) {
        return new RouteDestination(destination.object("destination", VirtualServiceReader::destination),
                destination.int32("weight"));
    }

    static Destination destination(MappingReader destination) {
        String host = destination.string("host");
        String subset = destination.string("subset");
        int port = destination.object("port", selector -> selector.uint32("number")).orElse(0);
        return new Destination(host, subset, port);
    }
}
