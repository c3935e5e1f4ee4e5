package io.foresail.config.yaml;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Checks a composed document before anything reads it: only the standard YAML tags, no recursive
 * aliases, and a bounded size once aliases are expanded (aliases are shared nodes, so a few of
 * them can stand for millions of nodes).
 */
final class NodeTreeCheck {

    static final long MAX_EXPANDED_NODES = 200_000;

    private static final Set<Tag> STANDARD_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL,
            Tag.MAP, Tag.SEQ, Tag.TIMESTAMP);

    /** What is wrong with a document: the offending node and a message. */
    record Problem(Node node, String message) {
    }

    private final Map<Node, Long> expandedSize = new IdentityHashMap<>();
    private final Set<Node> onPath = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    private NodeTreeCheck() {
    }

    /** The first problem of {@code document}, or {@code null} when it is fine to read. */
    static Problem check(Node document) {
        NodeTreeCheck check = new NodeTreeCheck();
        try {
            long size = check.sizeOf(document);
            if (size > MAX_EXPANDED_NODES) {
                return new Problem(document, "document has " + size + " nodes once aliases are expanded (expected: at most "
                        + MAX_EXPANDED_NODES + ")");
            }
            return null;
        } catch (ProblemFound found) {
            return found.problem;
        }
    }

    private long sizeOf(Node node) {
        Long known = expandedSize.get(node);
        if (known != null) {
            return known;
        }
        if (!onPath.add(node)) {
            throw new ProblemFound(new Problem(node, "recursive alias (expected: a tree)"));
        }
        if (!STANDARD_TAGS.contains(node.getTag())) {
            throw new ProblemFound(new Problem(node, "tag " + node.getTag().getValue()
                    + " is not allowed (expected: plain YAML scalars, mappings and sequences)"));
        }
        long size = 1;
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                size = addCapped(size, sizeOf(tuple.getKeyNode()));
                size = addCapped(size, sizeOf(tuple.getValueNode()));
            }
        } else if (node instanceof SequenceNode sequence) {
            List<Node> items = sequence.getValue();
            for (Node item : items) {
                size = addCapped(size, sizeOf(item));
            }
        }
        onPath.remove(node);
        expandedSize.put(node, size);
        return size;
    }

    private static long addCapped(long a, long b) {
        long sum = a + b;
        return sum > MAX_EXPANDED_NODES * 1000 ? MAX_EXPANDED_NODES * 1000 : sum;
    }

    private static final class ProblemFound extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Problem problem;

        ProblemFound(Problem problem) {
            super(null, null, false, false);
            this.problem = problem;
        }
    }
}
