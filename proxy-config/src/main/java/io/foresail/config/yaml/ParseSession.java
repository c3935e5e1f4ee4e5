package io.foresail.config.yaml;

import io.foresail.config.model.ConfigError;
import io.foresail.config.model.ConfigError.Severity;
import io.foresail.config.model.FieldPositions;
import io.foresail.config.model.SourcePosition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The state of reading one resource: the file, the resource's id once known, the position of
 * every field read so far, and the shared list of findings of the file.
 */
final class ParseSession {

    private final String file;
    private final List<ConfigError> findings;
    private final Map<String, SourcePosition> positions = new HashMap<>();
    private final SourcePosition documentPosition;
    private String resource = "";

    ParseSession(String file, List<ConfigError> findings, Node document) {
        this.file = file;
        this.findings = findings;
        this.documentPosition = positionOf(document);
        positions.put("", documentPosition);
    }

    SourcePosition documentPosition() {
        return documentPosition;
    }

    void nameResource(String resourceId) {
        this.resource = resourceId;
    }

    String file() {
        return file;
    }

    SourcePosition positionOf(Node node) {
        return positionOf(file, node);
    }

    static SourcePosition positionOf(String file, Node node) {
        Mark mark = node == null ? null : node.getStartMark();
        return mark == null ? SourcePosition.ofFile(file) : new SourcePosition(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    void record(String path, Node node) {
        positions.putIfAbsent(path, positionOf(node));
    }

    void error(Node node, String path, String message) {
        findings.add(new ConfigError(Severity.ERROR, positionOf(node), resource, path, message));
    }

    void warning(Node node, String path, String message) {
        findings.add(new ConfigError(Severity.WARNING, positionOf(node), resource, path, message));
    }

    void warning(String code, Node node, String path, String message) {
        findings.add(new ConfigError(Severity.WARNING, positionOf(node), resource, path, message, code));
    }

    FieldPositions positions() {
        return new FieldPositions(positions);
    }
}
