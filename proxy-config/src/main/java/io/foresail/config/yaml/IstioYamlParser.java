package io.foresail.config.yaml;

import io.foresail.config.model.ConfigCodes;
import io.foresail.config.model.ConfigError;
import io.foresail.config.model.ConfigError.Severity;
import io.foresail.config.model.IstioResource;
import io.foresail.config.model.SourcePosition;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads Istio networking YAML (multi-document files, {@code kind: List}) into the model. Only
 * node trees are composed; no Java object is ever built from a tag, and any non-standard tag is
 * an error. Every finding carries the file, line and column.
 */
public final class IstioYamlParser {

    public ParsedFile parse(YamlFile file) {
        List<ConfigError> findings = new ArrayList<>();
        List<IstioResource> resources = new ArrayList<>();
        DocumentReader reader = new DocumentReader(file.name(), findings, resources);
        try {
            SafeYamlComposer.composeAll(file.content(), reader::read);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            SourcePosition position = mark == null ? SourcePosition.ofFile(file.name())
                    : new SourcePosition(file.name(), mark.getLine() + 1, mark.getColumn() + 1);
            findings.add(new ConfigError(Severity.ERROR, position, "", "", "YAML syntax error: " + describe(e), ConfigCodes.YAML));
        } catch (YAMLException e) {
            findings.add(new ConfigError(Severity.ERROR, SourcePosition.ofFile(file.name()), "", "",
                    "YAML rejected: " + e.getMessage(), ConfigCodes.YAML));
        }
        return new ParsedFile(resources, findings);
    }

    private static String describe(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "" : e.getProblem();
        String context = e.getContext() == null ? "" : e.getContext();
        if (context.isEmpty()) {
            return problem;
        }
        return problem.isEmpty() ? context : problem + " (" + context + ")";
    }
}
