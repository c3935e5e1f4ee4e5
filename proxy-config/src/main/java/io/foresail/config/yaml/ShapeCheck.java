package io.foresail.config.yaml;

import io.foresail.config.model.FieldPaths;

import java.util.HashSet;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Checks an unmodelled subtree against its {@link Shape}, reporting unknown fields and wrong types as errors. */
final class ShapeCheck {

    private ShapeCheck() {
    }

    static void check(ParseSession session, Node node, String path, Shape shape) {
        if (node == null || node.getTag() == Tag.NULL || shape instanceof Shape.Anything) {
            return;
        }
        if (shape instanceof Shape.Scalar) {
            if (!(node instanceof ScalarNode)) {
                session.error(node, path, "expected a scalar value");
            }
        } else if (shape instanceof Shape.ListOf list) {
            if (!(node instanceof SequenceNode sequence)) {
                session.error(node, path, "expected a list");
                return;
            }
            for (int i = 0; i < sequence.getValue().size(); i++) {
                check(session, sequence.getValue().get(i), FieldPaths.item(path, i), list.item());
            }
        } else if (shape instanceof Shape.MapOf map) {
            if (!(node instanceof MappingNode mapping)) {
                session.error(node, path, "expected a mapping");
                return;
            }
            for (NodeTuple tuple : mapping.getValue()) {
                String key = keyOf(tuple);
                check(session, tuple.getValueNode(), FieldPaths.child(path, key), map.value());
            }
        } else if (shape instanceof Shape.Fields fields) {
            if (!(node instanceof MappingNode mapping)) {
                session.error(node, path, "expected a mapping");
                return;
            }
            Set<String> seen = new HashSet<>();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = keyOf(tuple);
                String childPath = FieldPaths.child(path, key);
                Shape child = fields.fields().get(key);
                if (!seen.add(key)) {
                    session.error(tuple.getKeyNode(), childPath, "duplicate key");
                } else if (child == null) {
                    session.error(tuple.getKeyNode(), childPath, MappingReader.UNKNOWN_FIELD);
                } else {
                    check(session, tuple.getValueNode(), childPath, child);
                }
            }
        }
    }

    private static String keyOf(NodeTuple tuple) {
        return tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "<non-scalar key>";
    }
}
