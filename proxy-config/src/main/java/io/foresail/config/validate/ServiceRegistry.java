package io.foresail.config.validate;

import io.foresail.config.model.DestinationRule;
import io.foresail.config.model.IstioResource;
import io.foresail.config.model.ServiceEntry;
import io.foresail.config.model.Subset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The services a configuration defines (ServiceEntry hosts) and their subsets (DestinationRules),
 * with the host resolution rule shared by validation and compilation:
 * <ol>
 *   <li>a host equal to a ServiceEntry host as written (case-insensitive) is that service;</li>
 *   <li>otherwise a short name (no dot, not {@code *}) becomes {@code <host>.<namespace>.svc.cluster.local},
 *       the namespace being that of the resource that wrote it, and is looked up among the
 *       ServiceEntry hosts (whose own short names are resolved in the ServiceEntry's namespace);</li>
 *   <li>otherwise the host is used as written.</li>
 * </ol>
 * When several ServiceEntries define one host, the first in load order wins.
 */
public final class ServiceRegistry {

    /** A host resolved to its FQDN, with the ServiceEntry defining it if any. */
    public record ResolvedHost(String host, Optional<ServiceEntry> service) {
    }

    private final Map<String, ServiceEntry> byWrittenHost = new HashMap<>();
    private final Map<String, ServiceEntry> byHost = new HashMap<>();
    private final Map<String, String> fqdnOfWrittenHost = new HashMap<>();
    private final Map<String, List<Subset>> subsetsByHost = new LinkedHashMap<>();
    private final Map<String, List<DestinationRule>> rulesByHost = new LinkedHashMap<>();

    private ServiceRegistry() {
    }

    public static ServiceRegistry of(List<IstioResource> resources) {
        ServiceRegistry registry = new ServiceRegistry();
        for (IstioResource resource : resources) {
            if (resource instanceof ServiceEntry entry) {
                registry.addService(entry);
            }
        }
        for (IstioResource resource : resources) {
            if (resource instanceof DestinationRule rule) {
                registry.addRule(rule);
            }
        }
        return registry;
    }

    private void addService(ServiceEntry entry) {
        for (String written : entry.hosts()) {
            String key = lower(written);
            String fqdn = qualify(key, entry.meta().namespace());
            byWrittenHost.putIfAbsent(key, entry);
            fqdnOfWrittenHost.putIfAbsent(key, fqdn);
            byHost.putIfAbsent(fqdn, entry);
        }
    }

    private void addRule(DestinationRule rule) {
        if (rule.host().isEmpty()) {
            return;
        }
        String host = resolve(rule.host(), rule.meta().namespace()).host();
        rulesByHost.computeIfAbsent(host, h -> new ArrayList<>()).add(rule);
        List<Subset> subsets = subsetsByHost.computeIfAbsent(host, h -> new ArrayList<>());
        for (Subset subset : rule.subsets()) {
            if (subsets.stream().noneMatch(known -> known.name().equals(subset.name()))) {
                subsets.add(subset);
            }
        }
    }

    /** Resolves {@code host} written in a resource of {@code namespace}. */
    public ResolvedHost resolve(String host, String namespace) {
        String key = lower(host);
        ServiceEntry written = byWrittenHost.get(key);
        if (written != null) {
            return new ResolvedHost(fqdnOfWrittenHost.get(key), Optional.of(written));
        }
        String fqdn = qualify(key, namespace);
        return new ResolvedHost(fqdn, Optional.ofNullable(byHost.get(fqdn)));
    }

    /**
     * The subsets defined for a resolved host: DestinationRules for the exact host first, in load
     * order (a repeated subset name keeps its first definition); when none, those of the most
     * specific wildcard DestinationRule host.
     */
    public List<Subset> subsets(String resolvedHost) {
        List<Subset> exact = subsetsByHost.get(resolvedHost);
        if (exact != null) {
            return exact;
        }
        String best = null;
        for (String ruleHost : subsetsByHost.keySet()) {
            if (ruleHost.startsWith("*") && HostPatterns.subsetOf(resolvedHost, ruleHost)
                    && (best == null || ruleHost.length() > best.length())) {
                best = ruleHost;
            }
        }
        return best == null ? List.of() : subsetsByHost.get(best);
    }

    /**
     * The DestinationRules that apply to a resolved host, in load order: those for the exact host,
     * else those of the most specific wildcard host (as {@link #subsets} chooses).
     */
    public List<DestinationRule> rules(String resolvedHost) {
        List<DestinationRule> exact = rulesByHost.get(resolvedHost);
        if (exact != null) {
            return exact;
        }
        String best = null;
        for (String ruleHost : rulesByHost.keySet()) {
            if (ruleHost.startsWith("*") && HostPatterns.subsetOf(resolvedHost, ruleHost)
                    && (best == null || ruleHost.length() > best.length())) {
                best = ruleHost;
            }
        }
        return best == null ? List.of() : rulesByHost.get(best);
    }

    public Optional<Subset> subset(String resolvedHost, String name) {
        return subsets(resolvedHost).stream().filter(subset -> subset.name().equals(name)).findFirst();
    }

    /** True when some ServiceEntry host matches {@code ruleHost} (which may be a wildcard). */
    public boolean hasServiceMatching(String ruleHost) {
        if (byHost.containsKey(ruleHost)) {
            return true;
        }
        return byHost.keySet().stream().anyMatch(host -> HostPatterns.matches(host, ruleHost));
    }

    /** The FQDN of {@code host} written in {@code namespace}: short names get {@code .<namespace>.svc.cluster.local}. */
    public static String qualify(String host, String namespace) {
        String lower = lower(host);
        if (lower.equals("*") || lower.contains(".") || lower.isEmpty()) {
            return lower;
        }
        return lower + "." + namespace + ".svc.cluster.local";
    }

    private static String lower(String host) {
        return host.toLowerCase(Locale.ROOT);
    }
}
