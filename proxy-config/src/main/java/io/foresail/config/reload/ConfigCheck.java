package io.foresail.config.reload;

import io.foresail.config.model.ConfigError;
import io.foresail.config.model.IstioResource;
import io.foresail.config.table.Compilation;
import io.foresail.config.table.RoutingTable;
import io.foresail.config.table.RoutingTableCompiler;
import io.foresail.config.validate.ConfigValidator;
import io.foresail.config.yaml.IstioYamlParser;
import io.foresail.config.yaml.ParsedFile;
import io.foresail.config.yaml.YamlFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a configuration for {@code validate}: everything {@link ConfigLoader} finds, and also the
 * findings of compilation when some resources have errors. The proxy refuses such a config whole;
 * a check instead compiles the resources without errors (leaving out, until none is left, those
 * that only fail once the others are gone), so that compile-time findings about the rest show in
 * the same run.
 */
public final class ConfigCheck {

    /**
     * @param findings every finding, in file order: validation of all resources, then compilation
     *                 (of the valid remainder when some resources have errors)
     * @param table    the compiled table, for further checks (TLS contexts); empty when compilation
     *                 itself found errors
     * @param leftOut  {@code Kind/namespace/name} of the resources left out of compilation
     */
    public record Result(List<ConfigError> findings, Optional<RoutingTable> table, List<String> leftOut) {
        public Result {
            findings = List.copyOf(findings);
            Objects.requireNonNull(table, "table");
            leftOut = List.copyOf(leftOut);
        }

        public boolean hasErrors() {
            return findings.stream().anyMatch(ConfigError::isError);
        }
    }

    private final Optional<Map<String, String>> proxyLabels;
    private final Optional<Path> secretsDirectory;

    /** As {@link ConfigLoader#ConfigLoader(Optional, Optional)}. */
    public ConfigCheck(Optional<Map<String, String>> proxyLabels, Optional<Path> secretsDirectory) {
        this.proxyLabels = proxyLabels.map(Map::copyOf);
        this.secretsDirectory = Objects.requireNonNull(secretsDirectory, "secretsDirectory");
    }

    public Result check(List<Path> sources) {
        ConfigSources.Read read = ConfigSources.read(sources);
        List<ConfigError> findings = new ArrayList<>(read.errors());
        List<IstioResource> resources = new ArrayList<>();
        IstioYamlParser parser = new IstioYamlParser();
        for (YamlFile file : read.files()) {
            ParsedFile parsed = parser.parse(file);
            resources.addAll(parsed.resources());
            findings.addAll(parsed.findings());
        }
        ConfigValidator validator = new ConfigValidator();
        findings.addAll(validator.validate(resources));
        Set<String> leftOut = new LinkedHashSet<>(erroneous(findings));
        List<IstioResource> remainder = without(resources, leftOut);
        while (!leftOut.isEmpty()) {
            Set<String> more = erroneous(validator.validate(remainder));
            if (more.isEmpty()) {
                break;
            }
            leftOut.addAll(more);
            remainder = without(remainder, more);
        }
        Compilation compilation = new RoutingTableCompiler(proxyLabels, secretsDirectory)
                .compile(remainder, ContentHash.of(read.files()));
        findings.addAll(compilation.findings());
        Optional<RoutingTable> table = compilation.hasErrors() ? Optional.empty() : Optional.of(compilation.table());
        return new Result(ConfigLoader.inFileOrder(findings, read.files()), table, List.copyOf(leftOut));
    }

    private static Set<String> erroneous(List<ConfigError> findings) {
        Set<String> ids = new LinkedHashSet<>();
        for (ConfigError finding : findings) {
            if (finding.isError() && !finding.resource().isEmpty()) {
                ids.add(finding.resource());
            }
        }
        return ids;
    }

    private static List<IstioResource> without(List<IstioResource> resources, Set<String> ids) {
        return resources.stream().filter(resource -> !ids.contains(resource.meta().id())).toList();
    }
}
