package io.foresail.config.reload;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads Istio YAML from files and folders, validates it and compiles it into a
 * {@link io.foresail.config.table.RoutingTable}: parse → validate (every error) → compile.
 * Pure function of its inputs; safe to call from any thread (never from an event loop: it reads files).
 */
public final class ConfigLoader {

    private final Optional<Map<String, String>> proxyLabels;

    /**
     * @param proxyLabels the proxy's workload labels ({@code --labels}); a Gateway applies when its
     *                    selector is a subset of them. Empty: every Gateway applies.
     */
    public ConfigLoader(Optional<Map<String, String>> proxyLabels) {
        this.proxyLabels = proxyLabels.map(Map::copyOf);
    }

    /**
     * @param sources files (multi-document YAML) and folders (their {@code *.yaml}/{@code *.yml}
     *                files, sorted by name), in the order given
     */
    public LoadResult load(List<Path> sources) {
        throw new UnsupportedOperationException("TODO: implemented by the config pipeline");
    }
}
