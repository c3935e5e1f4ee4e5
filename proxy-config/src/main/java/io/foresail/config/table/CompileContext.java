package io.foresail.config.table;

import io.foresail.config.model.ConfigError;
import io.foresail.config.model.Gateway;
import io.foresail.config.model.IstioResource;
import io.foresail.config.validate.ResourceFindings;
import io.foresail.config.validate.ServiceRegistry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What every compilation step shares: the proxy labels, the service registry and the findings (deduplicated). */
final class CompileContext {

    private final Optional<Map<String, String>> proxyLabels;
    private final ServiceRegistry registry;
    private final List<ConfigError> collected = new ArrayList<>();

    CompileContext(Optional<Map<String, String>> proxyLabels, ServiceRegistry registry) {
        this.proxyLabels = proxyLabels;
        this.registry = registry;
    }

    ServiceRegistry registry() {
        return registry;
    }

    /** True when {@code selector} is a subset of the proxy labels, or when no labels were given. */
    boolean selects(Map<String, String> selector) {
        return proxyLabels.map(labels -> labels.entrySet().containsAll(selector.entrySet())).orElse(true);
    }

    /**
     * Whether two applicable Gateways configure the same workload: always when the proxy labels are
     * given (both select this proxy); without labels, when their selectors are equal, as istioctl
     * compares them (one folder often holds the Gateways of several deployments).
     */
    boolean sameWorkload(Gateway first, Gateway second) {
        return proxyLabels.isPresent() || first.selector().equals(second.selector());
    }

    void warn(IstioResource resource, String path, String message) {
        new ResourceFindings(resource, collected).warning(path, message);
    }

    void warn(String code, IstioResource resource, String path, String message) {
        new ResourceFindings(resource, collected).warning(code, path, message);
    }

    /** A problem only compilation can see (a secret that cannot be found): the config is rejected. */
    void error(IstioResource resource, String path, String message) {
        new ResourceFindings(resource, collected).error(path, message);
    }

    void error(String code, IstioResource resource, String path, String message) {
        new ResourceFindings(resource, collected).error(code, path, message);
    }

    List<ConfigError> findings() {
        return List.copyOf(new LinkedHashSet<>(collected));
    }
}
