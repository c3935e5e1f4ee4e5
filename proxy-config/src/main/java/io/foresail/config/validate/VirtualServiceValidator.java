package io.foresail.config.validate;

import io.foresail.config.model.ConfigCodes;
import io.foresail.config.model.Destination;
import io.foresail.config.model.FieldPaths;
import io.foresail.config.model.HttpMatchRequest;
import io.foresail.config.model.HttpRoute;
import io.foresail.config.model.HttpRouteDestination;
import io.foresail.config.model.RouteDestination;
import io.foresail.config.model.StringMatch;
import io.foresail.config.model.TcpRoute;
import io.foresail.config.model.TlsMatch;
import io.foresail.config.model.TlsRoute;
import io.foresail.config.model.VirtualService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** VirtualService checks following Istio's ValidateVirtualService and its HTTP/TLS/TCP route rules. */
final class VirtualServiceValidator {

    private VirtualServiceValidator() {
    }

    static void validate(VirtualService vs, ResourceFindings findings) {
        boolean appliesToMesh = vs.gateways().isEmpty() || vs.gateways().contains(GatewayNames.MESH);
        if (vs.hosts().isEmpty()) {
            if (!vs.gateways().isEmpty()) {
                findings.error("spec.gateways", "delegate virtual service must have no gateways specified");
            }
            if (!vs.tls().isEmpty()) {
                findings.error("spec.tls", "delegate virtual service must have no tls route specified");
            }
            if (!vs.tcp().isEmpty()) {
                findings.error("spec.tcp", "delegate virtual service must have no tcp route specified");
            }
        }
        validateHosts(vs, appliesToMesh, findings);
        for (int i = 0; i < vs.gateways().size(); i++) {
            validateGatewayName(vs.gateways().get(i), "spec.gateways[" + i + "]", findings);
        }
        if (vs.http().isEmpty() && vs.tls().isEmpty() && vs.tcp().isEmpty()) {
            findings.error("spec", "http, tcp or tls must be provided in virtual service");
        }
        for (int i = 0; i < vs.http().size(); i++) {
            validateHttpRoute(vs.http().get(i), "spec.http[" + i + "]", findings);
        }
        UnreachableRules.check(vs, findings);
        for (int i = 0; i < vs.tls().size(); i++) {
            validateTlsRoute(vs.tls().get(i), vs.hosts(), "spec.tls[" + i + "]", findings);
        }
        for (int i = 0; i < vs.tcp().size(); i++) {
            validateTcpRoute(vs.tcp().get(i), "spec.tcp[" + i + "]", findings);
        }
    }

    private static void validateHosts(VirtualService vs, boolean appliesToMesh, ResourceFindings findings) {
        boolean allValid = true;
        List<String> hosts = vs.hosts();
        for (int i = 0; i < hosts.size(); i++) {
            String host = hosts.get(i);
            String problem = HostSyntax.wildcardDomainProblem(host);
            if (problem != null && !HostSyntax.isIpAddress(host)) {
                findings.error("spec.hosts[" + i + "]", host + ": " + problem);
                allValid = false;
            } else if (appliesToMesh && host.equals("*")) {
                findings.error("spec.hosts[" + i + "]", "wildcard host * is not allowed for virtual services bound to the mesh gateway");
            }
        }
        if (!allValid) {
            return;
        }
        for (int i = 0; i < hosts.size(); i++) {
            for (int j = i + 1; j < hosts.size(); j++) {
                if (HostPatterns.matches(hosts.get(i), hosts.get(j))) {
                    findings.error("spec.hosts[" + j + "]", "duplicate hosts in virtual service: " + hosts.get(i) + " & " + hosts.get(j));
                }
            }
        }
    }

    static void validateGatewayName(String name, String path, ResourceFindings findings) {
        if (name.equals(GatewayNames.MESH)) {
            return;
        }
        int slash = name.indexOf('/');
        if (slash < 0) {
            if (name.contains(".")) {
                String[] parts = name.split("\\.");
                findings.warning(path, "using legacy gatewayName format \"" + name
                        + "\"; prefer the <namespace>/<name> format: \"" + parts[1] + "/" + parts[0] + "\"");
                if (!HostSyntax.isFqdn(name)) {
                    findings.error(path, name + " (expected: a gateway name)");
                }
            } else if (!HostSyntax.isDns1123Label(name)) {
                findings.error(path, "invalid value for gateway name: \"" + name + "\"");
            }
            return;
        }
        String namespace = name.substring(0, slash);
        String gateway = name.substring(slash + 1);
        if (namespace.isEmpty() || gateway.isEmpty()) {
            findings.error(path, "config namespace and gateway name cannot be empty");
            return;
        }
        if (!HostSyntax.isDns1123Label(namespace)) {
            findings.error(path, "invalid value for namespace: \"" + namespace + "\"");
        }
        if (!HostSyntax.isDns1123Label(gateway)) {
            findings.error(path, "invalid value for gateway name: \"" + gateway + "\"");
        }
    }

    private static void validateHttpRoute(HttpRoute route, String path, ResourceFindings findings) {
        Set<String> other = route.unsupportedFields();
        boolean forward = !route.route().isEmpty();
        boolean redirect = route.redirect().isPresent();
        boolean directResponse = route.directResponse().isPresent();
        if (!forward && !redirect && !directResponse && !other.contains("delegate")) {
            findings.error(path, "HTTP route, redirect or direct_response is required");
        }
        conflict(forward && redirect, path, "HTTP route cannot contain both route and redirect", findings);
        conflict(forward && directResponse, path, "HTTP route cannot contain both route and direct_response", findings);
        conflict(redirect && directResponse, path, "HTTP route cannot contain both redirect and direct_response", findings);
        conflict(redirect && route.rewrite().isPresent(), path, "HTTP route rule cannot contain both rewrite and redirect", findings);
        conflict(directResponse && route.rewrite().isPresent(), path,
                "HTTP route rule cannot contain both rewrite and direct_response", findings);
        conflict(redirect && route.fault().isPresent(), path, "HTTP route cannot contain both fault and redirect", findings);
        conflict(directResponse && route.fault().isPresent(), path, "HTTP route cannot contain both fault and direct_response",
                findings);
        conflict(route.mirror().isPresent() && !route.mirrors().isEmpty(), path,
                "HTTP route cannot contain both mirror and mirrors", findings);
        for (int i = 0; i < route.match().size(); i++) {
            validateMatch(route.match().get(i), path + ".match[" + i + "]", findings);
        }
        route.rewrite().ifPresent(rewrite -> RewriteRules.check(rewrite, path + ".rewrite", findings));
        route.redirect().ifPresent(redirection -> RedirectRules.check(redirection, route.match(), path + ".redirect", findings));
        route.directResponse().ifPresent(response -> DirectResponseRules.check(response, path + ".directResponse", findings));
        HeaderOperationRules.checkRoute(route.headers(), route.rewrite(), path, findings);
        route.timeout().ifPresent(timeout -> checkTimeout(timeout, path + ".timeout", findings));
        route.retries().ifPresent(retries -> RetryRules.check(retries, path + ".retries", findings));
        route.fault().ifPresent(fault -> FaultRules.check(fault, path + ".fault", findings));
        MirrorRules.check(route, path, findings);
        route.corsPolicy().ifPresent(cors -> CorsPolicyRules.check(cors, path + ".corsPolicy", findings));
        List<HttpRouteDestination> destinations = route.route();
        long totalWeight = 0;
        for (int i = 0; i < destinations.size(); i++) {
            String destinationPath = path + ".route[" + i + "]";
            HttpRouteDestination destination = destinations.get(i);
            validateDestination(destination.destination(), destinationPath + ".destination", findings);
            totalWeight += checkWeight(destination.weight(), destinationPath + ".weight", findings);
            HeaderOperationRules.checkDestination(destination.headers(), destinationPath, findings);
        }
        if (destinations.size() > 1 && totalWeight == 0) {
            findings.error(path + ".route", "total destination weight = 0 (expected: > 0)");
        }
        noteWeights(destinations.size(), totalWeight, path, findings);
    }

    /**
     * Istio's {@code ValidateDuration}, except for {@code 0s}: Istio's validation rejects it, but
     * Envoy reads a zero route timeout as "none", which is what it means here (a warning says so).
     */
    private static void checkTimeout(Duration timeout, String path, ResourceFindings findings) {
        if (timeout.isZero()) {
            findings.warning(path, "0s means no timeout here, as in Envoy; Istio's validation rejects it "
                    + "(duration must be greater than 1ms): leave timeout out instead");
            return;
        }
        DurationRules.check(timeout, path, findings);
    }

    private static void conflict(boolean present, String path, String message, ResourceFindings findings) {
        if (present) {
            findings.error(path, message);
        }
    }

    private static void validateMatch(HttpMatchRequest match, String path, ResourceFindings findings) {
        match.uri().ifPresent(uri -> StringMatchRules.check(uri, path + ".uri", true, findings));
        match.scheme().ifPresent(scheme -> StringMatchRules.check(scheme, path + ".scheme", false, findings));
        match.method().ifPresent(method -> StringMatchRules.check(method, path + ".method", false, findings));
        match.authority().ifPresent(authority -> StringMatchRules.check(authority, path + ".authority", false, findings));
        validateMatchMap(match.headers(), path + ".headers", "header", false, findings);
        validateMatchMap(match.withoutHeaders(), path + ".withoutHeaders", "header", true, findings);
        validateMatchMap(match.queryParams(), path + ".queryParams", "query parameter", false, findings);
        PortRules.checkOptional(findings, path + ".port", match.port());
        for (int i = 0; i < match.gateways().size(); i++) {
            validateGatewayName(match.gateways().get(i), path + ".gateways[" + i + "]", findings);
        }
    }

    /**
     * Entries of {@code headers}, {@code withoutHeaders} or {@code queryParams}. Only in
     * {@code withoutHeaders} is {@code regex: "*"} accepted, as Istio's
     * {@code validateHTTPRouteMatchRequest} does: it is not RE2 but means "absent" there.
     */
    private static void validateMatchMap(Map<String, StringMatch> matches, String path, String what,
                                         boolean starRegexAllowed, ResourceFindings findings) {
        matches.forEach((name, match) -> {
            String entryPath = FieldPaths.child(path, name);
            if (name.isEmpty()) {
                findings.error(path, what + " name cannot be empty");
            }
            if (starRegexAllowed && match instanceof StringMatch.Regex regex && regex.value().equals("*")) {
                return;
            }
            StringMatchRules.check(match, entryPath, false, findings);
        });
    }

    static void validateDestination(Optional<Destination> written, String path, ResourceFindings findings) {
        if (written.isEmpty()) {
            findings.error(path, "destination is required");
            return;
        }
        Destination destination = written.get();
        if (destination.host().isEmpty()) {
            findings.error(path + ".host", "missing (expected: a service host)");
        } else if (destination.host().equals("*")) {
            findings.error(path + ".host", "* (expected: a service host, not a wildcard)");
        } else {
            String problem = HostSyntax.wildcardDomainProblem(destination.host());
            if (problem != null && !HostSyntax.isIpAddress(destination.host())) {
                findings.error(path + ".host", destination.host() + ": " + problem);
            }
        }
        if (!destination.subset().isEmpty() && !HostSyntax.isDns1123Label(destination.subset())) {
            findings.error(path + ".subset", "subset name is invalid: " + destination.subset());
        }
        PortRules.checkOptional(findings, path + ".port.number", destination.port());
    }

    /** Weights that do not sum to 100 are served, normalised: a note, not a problem. */
    private static void noteWeights(int destinations, long totalWeight, String path, ResourceFindings findings) {
        if (destinations == 1 && totalWeight > 0 && totalWeight < 100) {
            findings.info(ConfigCodes.SINGLE_WEIGHT, path + ".route[0].weight", "weight " + totalWeight
                    + " is assumed to be 100 because there is only one route destination");
        } else if (destinations > 1 && totalWeight > 0 && totalWeight != 100) {
            findings.info(ConfigCodes.WEIGHTS_NORMALISED, path + ".route", "weights sum to " + totalWeight
                    + ", not 100: each destination gets weight/" + totalWeight + " of the requests");
        }
    }

    private static int checkWeight(int weight, String path, ResourceFindings findings) {
        if (weight < 0) {
            findings.error(path, weight + " (expected: >= 0)");
            return 0;
        }
        return weight;
    }

    private static void validateTlsRoute(TlsRoute route, List<String> vsHosts, String path, ResourceFindings findings) {
        if (route.match().isEmpty()) {
            findings.error(path + ".match", "TLS route must have at least one match condition");
        }
        for (int i = 0; i < route.match().size(); i++) {
            TlsMatch match = route.match().get(i);
            String matchPath = path + ".match[" + i + "]";
            if (match.sniHosts().isEmpty()) {
                findings.error(matchPath + ".sniHosts", "TLS match must have at least one SNI host");
            }
            for (int j = 0; j < match.sniHosts().size(); j++) {
                String sni = match.sniHosts().get(j);
                if (vsHosts.stream().noneMatch(host -> HostPatterns.matches(sni, host))) {
                    findings.error(matchPath + ".sniHosts[" + j + "]", "SNI host \"" + sni
                            + "\" is not a compatible subset of any of the virtual service hosts");
                }
            }
            PortRules.checkOptional(findings, matchPath + ".port", match.port());
            for (int j = 0; j < match.gateways().size(); j++) {
                validateGatewayName(match.gateways().get(j), matchPath + ".gateways[" + j + "]", findings);
            }
        }
        validateRouteDestinations(route.route(), path, "TLS route is required", findings);
    }

    private static void validateTcpRoute(TcpRoute route, String path, ResourceFindings findings) {
        for (int i = 0; i < route.match().size(); i++) {
            String matchPath = path + ".match[" + i + "]";
            PortRules.checkOptional(findings, matchPath + ".port", route.match().get(i).port());
            List<String> gateways = route.match().get(i).gateways();
            for (int j = 0; j < gateways.size(); j++) {
                validateGatewayName(gateways.get(j), matchPath + ".gateways[" + j + "]", findings);
            }
        }
        validateRouteDestinations(route.route(), path, "TCP route is required", findings);
    }

    private static void validateRouteDestinations(List<RouteDestination> destinations, String path, String missing,
                                                  ResourceFindings findings) {
        if (destinations.isEmpty()) {
            findings.error(path + ".route", missing);
        }
        long totalWeight = 0;
        for (int i = 0; i < destinations.size(); i++) {
            String destinationPath = path + ".route[" + i + "]";
            validateDestination(destinations.get(i).destination(), destinationPath + ".destination", findings);
            totalWeight += checkWeight(destinations.get(i).weight(), destinationPath + ".weight", findings);
        }
        if (destinations.size() > 1 && totalWeight == 0) {
            findings.error(path + ".route", "total destination weight = 0 (expected: > 0)");
        }
        noteWeights(destinations.size(), totalWeight, path, findings);
    }
}
