package io.foresail.config.validate;

import io.foresail.config.model.ConfigCodes;
import io.foresail.config.model.Destination;
import io.foresail.config.model.DestinationRule;
import io.foresail.config.model.Gateway;
import io.foresail.config.model.HttpMatchRequest;
import io.foresail.config.model.IstioResource;
import io.foresail.config.model.ServiceEntry;
import io.foresail.config.model.Subset;
import io.foresail.config.model.VirtualService;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Cross-resource references. None of them rejects a config (Istio serves it and answers 503 NC
 * at request time), so every finding here is a warning.
 */
final class ReferenceValidator {

    /** What happens to requests sent to a destination that does not exist. */
    private static final String ROUTED = "requests get 503 NC";
    private static final String MIRRORED = "nothing is mirrored";

    private final Set<String> gateways = new HashSet<>();
    private final ServiceRegistry registry;

    private ReferenceValidator(List<IstioResource> resources, ServiceRegistry registry) {
        this.registry = registry;
        for (IstioResource resource : resources) {
            if (resource instanceof Gateway gateway) {
                gateways.add(GatewayNames.of(gateway.meta().namespace(), gateway.meta().name()));
            }
        }
    }

    static void validate(List<IstioResource> resources, ServiceRegistry registry, FindingsSink sink) {
        ReferenceValidator validator = new ReferenceValidator(resources, registry);
        for (IstioResource resource : resources) {
            if (resource instanceof VirtualService vs) {
                validator.validateVirtualService(vs, sink.about(vs));
            } else if (resource instanceof DestinationRule rule) {
                validator.validateDestinationRule(rule, sink.about(rule));
            }
        }
    }

    private void validateVirtualService(VirtualService vs, ResourceFindings findings) {
        String namespace = vs.meta().namespace();
        if (vs.hosts().isEmpty()) {
            return;
        }
        if (vs.gateways().stream().allMatch(GatewayNames.MESH::equals)) {
            findings.warning(vs.gateways().isEmpty() ? "spec" : "spec.gateways",
                    "no gateway listed: the VirtualService applies to the mesh only and is not served by this proxy");
            return;
        }
        checkGateways(vs.gateways(), namespace, "spec.gateways", findings);
        for (int i = 0; i < vs.http().size(); i++) {
            List<HttpMatchRequest> matches = vs.http().get(i).match();
            for (int j = 0; j < matches.size(); j++) {
                checkGateways(matches.get(j).gateways(), namespace, "spec.http[" + i + "].match[" + j + "].gateways", findings);
            }
            for (int j = 0; j < vs.http().get(i).route().size(); j++) {
                checkDestination(vs.http().get(i).route().get(j).destination(), namespace,
                        "spec.http[" + i + "].route[" + j + "].destination", ROUTED, findings);
            }
            checkDestination(vs.http().get(i).mirror(), namespace, "spec.http[" + i + "].mirror", MIRRORED, findings);
            for (int j = 0; j < vs.http().get(i).mirrors().size(); j++) {
                checkDestination(vs.http().get(i).mirrors().get(j).destination(), namespace,
                        "spec.http[" + i + "].mirrors[" + j + "].destination", MIRRORED, findings);
            }
        }
        for (int i = 0; i < vs.tls().size(); i++) {
            for (int j = 0; j < vs.tls().get(i).route().size(); j++) {
                checkDestination(vs.tls().get(i).route().get(j).destination(), namespace,
                        "spec.tls[" + i + "].route[" + j + "].destination", ROUTED, findings);
            }
        }
        for (int i = 0; i < vs.tcp().size(); i++) {
            for (int j = 0; j < vs.tcp().get(i).route().size(); j++) {
                checkDestination(vs.tcp().get(i).route().get(j).destination(), namespace,
                        "spec.tcp[" + i + "].route[" + j + "].destination", ROUTED, findings);
            }
        }
    }

    private void checkGateways(List<String> references, String namespace, String path, ResourceFindings findings) {
        for (int i = 0; i < references.size(); i++) {
            String resolved = GatewayNames.resolve(references.get(i), namespace);
            if (!resolved.equals(GatewayNames.MESH) && !gateways.contains(resolved)) {
                findings.warning(ConfigCodes.REFERENCE_NOT_FOUND, path + "[" + i + "]", "gateway \"" + resolved + "\" not found");
            }
        }
    }

    private void checkDestination(Optional<Destination> written, String namespace, String path, String consequence,
                                  ResourceFindings findings) {
        if (written.isEmpty() || written.get().host().isEmpty()) {
            return;
        }
        Destination destination = written.get();
        ServiceRegistry.ResolvedHost resolved = registry.resolve(destination.host(), namespace);
        if (resolved.service().isEmpty()) {
            findings.warning(ConfigCodes.REFERENCE_NOT_FOUND, path + ".host", "destination host " + resolved.host()
                    + " is not defined by any ServiceEntry (" + consequence + ")");
            return;
        }
        ServiceEntry service = resolved.service().get();
        if (destination.port() != 0 && service.ports().stream().noneMatch(port -> port.number() == destination.port())) {
            findings.warning(ConfigCodes.REFERENCE_NOT_FOUND, path + ".port.number", "port " + destination.port() + " is not a port of ServiceEntry "
                    + service.meta().id() + " (" + consequence + ")");
        } else if (destination.port() == 0 && service.ports().size() > 1) {
            findings.warning(ConfigCodes.PORT_SELECTOR_REQUIRED, path, "destination has no port and " + resolved.host()
                    + " has several: the gateway listener port is used");
        }
        if (!destination.subset().isEmpty() && registry.subset(resolved.host(), destination.subset()).isEmpty()) {
            findings.warning(ConfigCodes.REFERENCE_NOT_FOUND, path + ".subset", "subset " + destination.subset() + " of " + resolved.host()
                    + " is not defined by any DestinationRule (" + consequence + ")");
        }
    }

    private void validateDestinationRule(DestinationRule rule, ResourceFindings findings) {
        if (rule.host().isEmpty()) {
            return;
        }
        ServiceRegistry.ResolvedHost resolved = registry.resolve(rule.host(), rule.meta().namespace());
        String host = resolved.host();
        if (!registry.hasServiceMatching(host)) {
            findings.warning(ConfigCodes.UNKNOWN_DESTINATION_RULE_HOST, "spec.host", "no ServiceEntry defines host " + host + ": this DestinationRule has no effect");
        }
        resolved.service().ifPresent(service -> checkSubsetsSelectEndpoints(rule, host, service, findings));
    }

    /**
     * istioctl's IST0173: a subset whose labels no endpoint of the service carries gets no endpoint,
     * so requests routed to it get 503 UH. Only ServiceEntries that list their endpoints can be
     * checked (a DNS one resolves its host, whose labels are unknown).
     */
    private static void checkSubsetsSelectEndpoints(DestinationRule rule, String host, ServiceEntry service,
                                                    ResourceFindings findings) {
        if (service.endpoints().isEmpty()) {
            return;
        }
        for (int i = 0; i < rule.subsets().size(); i++) {
            Subset subset = rule.subsets().get(i);
            boolean selectsOne = service.endpoints().stream()
                    .anyMatch(endpoint -> endpoint.labels().entrySet().containsAll(subset.labels().entrySet()));
            if (!selectsOne) {
                findings.warning(ConfigCodes.SUBSET_SELECTS_NO_ENDPOINTS, "spec.subsets[" + i + "]", "subset "
                        + subset.name() + " of host " + host + " selects no endpoints: none of " + service.meta().id()
                        + "'s endpoints has the labels " + new TreeMap<>(subset.labels())
                        + " (requests routed to it get 503 UH)");
            }
        }
    }
}
