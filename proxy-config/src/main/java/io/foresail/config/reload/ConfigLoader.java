package io.foresail.config.reload;

import io.foresail.config.model.ConfigError;
import io.foresail.config.model.IstioResource;
import io.foresail.config.table.Compilation;
import io.foresail.config.table.RoutingTableCompiler;
import io.foresail.config.validate.ConfigValidator;
import io.foresail.config.yaml.IstioYamlParser;
import io.foresail.config.yaml.ParsedFile;
import io.foresail.config.yaml.YamlFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Loads Istio YAML from files and folders, validates it and compiles it into a
 * {@link io.foresail.config.table.RoutingTable}: parse → validate (every error) → compile.
 * Pure function of its inputs; safe to call from any thread (never from an event loop: it reads files).
 */
public final class ConfigLoader {

    private final Optional<Map<String, String>> proxyLabels;
    private final Optional<Path> secretsDirectory;

    /**
     * A loader without a secrets folder: a served server or DestinationRule naming a
     * {@code credentialName} is an error.
     *
     * @param proxyLabels the proxy's workload labels ({@code --labels}); a Gateway applies when its
     *                    selector is a subset of them. Empty: every Gateway applies.
     */
    public ConfigLoader(Optional<Map<String, String>> proxyLabels) {
        this(proxyLabels, Optional.empty());
    }

    /**
     * @param proxyLabels      as for {@link #ConfigLoader(Optional)}
     * @param secretsDirectory {@code --secrets-dir}: one folder per {@code credentialName}, laid out
     *                         like a mounted Kubernetes Secret ({@code tls.crt}, {@code tls.key}, ...)
     */
    public ConfigLoader(Optional<Map<String, String>> proxyLabels, Optional<Path> secretsDirectory) {
        this.proxyLabels = proxyLabels.map(Map::copyOf);
        this.secretsDirectory = Objects.requireNonNull(secretsDirectory, "secretsDirectory");
    }

    /**
     * @param sources files (multi-document YAML) and folders (their {@code *.yaml}/{@code *.yml}
     *                files, sorted by name), in the order given
     * @return {@link LoadResult.Loaded} with the table and its warnings, or {@link LoadResult.Rejected}
     *         with every finding when any of them is an error; findings are in file order
     */
    public LoadResult load(List<Path> sources) {
        ConfigSources.Read read = ConfigSources.read(sources);
        List<ConfigError> findings = new ArrayList<>(read.errors());
        List<IstioResource> resources = new ArrayList<>();
        IstioYamlParser parser = new IstioYamlParser();
        for (YamlFile file : read.files()) {
            ParsedFile parsed = parser.parse(file);
            resources.addAll(parsed.resources());
            findings.addAll(parsed.findings());
        }
        findings.addAll(new ConfigValidator().validate(resources));
        if (findings.stream().anyMatch(ConfigError::isError)) {
            return new LoadResult.Rejected(inFileOrder(findings, read.files()));
        }
        Compilation compilation = new RoutingTableCompiler(proxyLabels, secretsDirectory)
                .compile(resources, ContentHash.of(read.files()));
        findings.addAll(compilation.findings());
        if (compilation.hasErrors()) {
            return new LoadResult.Rejected(inFileOrder(findings, read.files()));
        }
        return new LoadResult.Loaded(compilation.table(), inFileOrder(findings, read.files()));
    }

    static List<ConfigError> inFileOrder(List<ConfigError> findings, List<YamlFile> files) {
        Map<String, Integer> fileIndex = new HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            fileIndex.putIfAbsent(files.get(i).name(), i);
        }
        List<ConfigError> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.<ConfigError>comparingInt(finding -> fileIndex.getOrDefault(finding.position().file(), -1))
                .thenComparingInt(finding -> finding.position().line())
                .thenComparingInt(finding -> finding.position().column()));
        return sorted;
    }
}
