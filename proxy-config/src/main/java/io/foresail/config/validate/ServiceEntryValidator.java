package io.foresail.config.validate;

import io.foresail.config.model.FieldPaths;
import io.foresail.config.model.ServiceEntry;
import io.foresail.config.model.ServicePort;
import io.foresail.config.model.WorkloadEndpoint;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** ServiceEntry checks following Istio's ValidateServiceEntry. */
final class ServiceEntryValidator {

    private static final Set<String> RESOLUTIONS = Set.of("NONE", "STATIC", "DNS", "DNS_ROUND_ROBIN", "DYNAMIC_DNS");
    private static final Set<String> LOCATIONS = Set.of("MESH_EXTERNAL", "MESH_INTERNAL");

    private ServiceEntryValidator() {
    }

    static void validate(ServiceEntry entry, ResourceFindings findings) {
        validateHosts(entry, findings);
        for (int i = 0; i < entry.addresses().size(); i++) {
            String address = entry.addresses().get(i);
            if (!HostSyntax.isCidr(address)) {
                findings.error("spec.addresses[" + i + "]", address + " (expected: an IP address or CIDR block)");
            }
        }
        Set<String> portNames = validatePorts(entry.ports(), findings);
        if (!entry.location().isEmpty() && !LOCATIONS.contains(entry.location())) {
            findings.error("spec.location", entry.location() + " (expected: MESH_EXTERNAL or MESH_INTERNAL)");
        }
        String resolution = entry.resolution().isEmpty() ? "NONE" : entry.resolution();
        if (!RESOLUTIONS.contains(resolution)) {
            findings.error("spec.resolution", resolution + " (expected: one of NONE, STATIC, DNS, DNS_ROUND_ROBIN, DYNAMIC_DNS)");
            return;
        }
        if (!entry.workloadSelector().isEmpty() && !entry.endpoints().isEmpty()) {
            findings.error("spec.workloadSelector", "only one of WorkloadSelector or Endpoints is allowed in Service Entry");
        }
        validateResolution(entry, resolution, findings);
        for (int i = 0; i < entry.endpoints().size(); i++) {
            validateEndpoint(entry.endpoints().get(i), "spec.endpoints[" + i + "]", resolution, portNames, findings);
        }
        if (!resolution.equals("NONE") && entry.hosts().size() > 1) {
            boolean canDifferentiate = entry.ports().stream().map(port -> Protocol.parse(port.protocol()))
                    .allMatch(protocol -> protocol.isHttp() || protocol.isTls());
            if (!canDifferentiate) {
                findings.error("spec.hosts", "multiple hosts provided with non-HTTP, non-TLS ports");
            }
        }
    }

    private static void validateHosts(ServiceEntry entry, ResourceFindings findings) {
        if (entry.hosts().isEmpty()) {
            findings.error("spec.hosts", "service entry must have at least one host");
        }
        for (int i = 0; i < entry.hosts().size(); i++) {
            String host = entry.hosts().get(i);
            String path = "spec.hosts[" + i + "]";
            if (host.equals("*")) {
                findings.error(path, "invalid host * (expected: a host or *.suffix)");
                continue;
            }
            String problem = HostSyntax.wildcardDomainProblem(host);
            if (problem != null) {
                findings.error(path, host + ": " + problem);
            }
        }
    }

    private static Set<String> validatePorts(List<ServicePort> ports, ResourceFindings findings) {
        Set<String> names = new HashSet<>();
        Set<Integer> numbers = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            ServicePort port = ports.get(i);
            String path = "spec.ports[" + i + "]";
            PortRules.check(findings, path + ".number", port.number());
            if (!numbers.add(port.number())) {
                findings.error(path + ".number", "service entry port " + port.number() + " already defined");
            }
            if (!HostSyntax.isDns1123Label(port.name())) {
                findings.error(path + ".name", "invalid port name: \"" + port.name() + "\" (expected: a DNS-1123 label)");
            } else if (!names.add(port.name())) {
                findings.error(path + ".name", "service entry port name \"" + port.name() + "\" already defined");
            }
            if (!port.protocol().isEmpty() && Protocol.parse(port.protocol()) == Protocol.UNSUPPORTED) {
                findings.error(path + ".protocol", "\"" + port.protocol() + "\" is not a valid protocol");
            }
            PortRules.checkOptional(findings, path + ".targetPort", port.targetPort());
        }
        return names;
    }

    private static void validateResolution(ServiceEntry entry, String resolution, ResourceFindings findings) {
        switch (resolution) {
            case "NONE" -> {
                if (!entry.endpoints().isEmpty()) {
                    findings.error("spec.endpoints", "no endpoints should be provided for resolution type none");
                }
            }
            case "DNS", "DNS_ROUND_ROBIN" -> {
                if (entry.endpoints().isEmpty()) {
                    for (int i = 0; i < entry.hosts().size(); i++) {
                        if (entry.hosts().get(i).startsWith("*")) {
                            findings.error("spec.hosts[" + i + "]", entry.hosts().get(i)
                                    + ": wildcard host needs endpoints with resolution " + resolution);
                        }
                    }
                }
                if (resolution.equals("DNS_ROUND_ROBIN") && entry.endpoints().size() > 1) {
                    findings.error("spec.endpoints", "there must only be 0 or 1 endpoint for resolution mode DNS_ROUND_ROBIN");
                }
            }
            case "DYNAMIC_DNS" -> {
                if (!entry.endpoints().isEmpty()) {
                    findings.error("spec.endpoints", "no endpoints should be provided for resolution type DYNAMIC_DNS");
                }
                if (entry.hosts().stream().anyMatch(host -> !host.startsWith("*."))) {
                    findings.error("spec.hosts", "resolution DYNAMIC_DNS requires wildcard hosts");
                }
            }
            default -> {
            }
        }
    }

    private static void validateEndpoint(WorkloadEndpoint endpoint, String path, String resolution, Set<String> portNames,
                                         ResourceFindings findings) {
        String address = endpoint.address();
        boolean unix = address.startsWith("unix://");
        if (address.isEmpty()) {
            if (endpoint.network().isEmpty()) {
                findings.error(path + ".address", "missing (expected: an IP address, host name or unix:// path)");
            }
        } else if (resolution.equals("STATIC") && !unix && !HostSyntax.isIpAddress(address)) {
            findings.error(path + ".address", "endpoint address \"" + address + "\" is not a valid IP address");
        } else if (!resolution.equals("STATIC") && !unix && !HostSyntax.isIpAddress(address) && !HostSyntax.isFqdn(address)
                && HostSyntax.wildcardDomainProblem(address) != null) {
            findings.error(path + ".address", "endpoint address \"" + address + "\" is not a valid host name or IP address");
        }
        endpoint.ports().forEach((name, port) -> {
            String portPath = FieldPaths.child(path + ".ports", name);
            if (!portNames.contains(name)) {
                findings.error(portPath, "endpoint port " + name + " is not defined by the service entry");
            }
            PortRules.check(findings, portPath, port);
        });
    }
}
