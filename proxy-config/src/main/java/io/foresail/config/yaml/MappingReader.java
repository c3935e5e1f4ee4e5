package io.foresail.config.yaml;

import io.foresail.config.model.ConfigCodes;
import io.foresail.config.model.FieldPaths;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reading of one YAML mapping that stands for a protobuf message: every field read records
 * its position; a wrong type is an error; fields never read are reported by
 * {@link #rejectUnknownFields()}. Absent and {@code null} fields read as proto3 defaults
 * (empty string, 0, false, empty list).
 */
final class MappingReader {

    static final String UNKNOWN_FIELD = "unknown field (not an Istio API field)";
    static final String UNSUPPORTED = "not supported yet, ignored";

    private final ParseSession session;
    private final MappingNode node;
    private final String path;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> read = new HashSet<>();

    private MappingReader(ParseSession session, MappingNode node, String path) {
        this.session = session;
        this.node = node;
        this.path = path;
        for (NodeTuple tuple : node.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                session.error(tuple.getKeyNode(), path, "field names must be plain strings");
                continue;
            }
            if (entries.putIfAbsent(key.getValue(), tuple) != null) {
                session.error(key, FieldPaths.child(path, key.getValue()), "duplicate key");
            }
        }
    }

    /** A reader for {@code node}, or empty (with an error unless it is null) when it is not a mapping. */
    static Optional<MappingReader> of(ParseSession session, Node node, String path) {
        if (node == null || node.getTag() == Tag.NULL) {
            return Optional.empty();
        }
        if (!(node instanceof MappingNode mapping)) {
            session.error(node, path, "expected a mapping");
            return Optional.empty();
        }
        session.record(path, node);
        return Optional.of(new MappingReader(session, mapping, path));
    }

    ParseSession session() {
        return session;
    }

    String path() {
        return path;
    }

    Node node() {
        return node;
    }

    String pathOf(String key) {
        return FieldPaths.child(path, key);
    }

    boolean has(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple != null && tuple.getValueNode().getTag() != Tag.NULL;
    }

    /** A string field; any scalar is taken as its text. */
    String string(String key) {
        Node value = take(key);
        if (value == null) {
            return "";
        }
        if (value instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        session.error(value, pathOf(key), "expected a string");
        return "";
    }

    /** A {@code uint32} field that Istio range-checks later; values above {@code int} range are an error here. */
    int uint32(String key) {
        return integer(key, 0, Integer.MAX_VALUE, "a non-negative integer");
    }

    /** An {@code int32} field. */
    int int32(String key) {
        return integer(key, Integer.MIN_VALUE, Integer.MAX_VALUE, "a 32-bit integer");
    }

    private int integer(String key, long min, long max, String expected) {
        Node value = take(key);
        if (value == null) {
            return 0;
        }
        Integer parsed = value instanceof ScalarNode scalar ? parseInteger(scalar.getValue(), min, max) : null;
        if (parsed == null) {
            session.error(value, pathOf(key), describe(value) + " (expected: " + expected + ")");
            return 0;
        }
        return parsed;
    }

    private static Integer parseInteger(String text, long min, long max) {
        try {
            long parsed = Long.parseLong(text.trim().replace("_", ""));
            return parsed < min || parsed > max ? null : (int) parsed;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A {@code google.protobuf.Duration} field in Go syntax ({@code 1.5s}, {@code 300ms}); empty
     * when absent or invalid (invalid is an error naming the field).
     */
    Optional<java.time.Duration> duration(String key) {
        Node value = take(key);
        if (value == null) {
            return Optional.empty();
        }
        Optional<java.time.Duration> parsed = value instanceof ScalarNode scalar
                ? GoDurations.parse(scalar.getValue()) : Optional.empty();
        if (parsed.isEmpty()) {
            boolean negative = value instanceof ScalarNode scalar && scalar.getValue().trim().startsWith("-")
                    && GoDurations.parse(scalar.getValue().trim().substring(1)).isPresent();
            session.error(value, pathOf(key), describe(value) + (negative
                    ? " (expected: a duration of at least 1ms, not negative)"
                    : " (expected: a duration such as 1.5s or 300ms)"));
        }
        return parsed;
    }

    /**
     * A {@code google.protobuf.BoolValue} field: empty when absent, so that "not written" and
     * {@code false} stay apart.
     */
    Optional<Boolean> optionalBool(String key) {
        if (!has(key)) {
            skip(key);
            return Optional.empty();
        }
        return Optional.of(bool(key));
    }

    /**
     * A {@code google.protobuf.UInt32Value} field that may also be spelled {@code alias} (its
     * protobuf field name, which protobuf JSON parsing accepts too): empty when neither is written;
     * writing both is an error, as it is one field. The position is recorded under {@code key}.
     */
    java.util.OptionalInt optionalUint32(String key, String alias) {
        if (has(key) && has(alias)) {
            session.error(entries.get(alias).getKeyNode(), pathOf(alias),
                    alias + " is " + key + " (expected: only one of them)");
        }
        String written = has(key) ? key : has(alias) ? alias : null;
        skip(key);
        skip(alias);
        if (written == null) {
            return java.util.OptionalInt.empty();
        }
        session.record(pathOf(key), entries.get(written).getValueNode());
        Node value = take(written);
        Integer parsed = value instanceof ScalarNode scalar ? parseInteger(scalar.getValue(), 0, Integer.MAX_VALUE) : null;
        if (parsed == null) {
            session.error(value, pathOf(written), describe(value) + " (expected: a non-negative integer)");
            return java.util.OptionalInt.empty();
        }
        return java.util.OptionalInt.of(parsed);
    }

    /** A {@code double} field (e.g. {@code Percent.value}); empty when absent or invalid (an error). */
    java.util.OptionalDouble number(String key) {
        Node value = take(key);
        if (value == null) {
            return java.util.OptionalDouble.empty();
        }
        if (value instanceof ScalarNode scalar) {
            try {
                double parsed = Double.parseDouble(scalar.getValue().trim());
                if (Double.isFinite(parsed)) {
                    return java.util.OptionalDouble.of(parsed);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        session.error(value, pathOf(key), describe(value) + " (expected: a number)");
        return java.util.OptionalDouble.empty();
    }

    boolean bool(String key) {
        Node value = take(key);
        if (value == null) {
            return false;
        }
        if (value instanceof ScalarNode scalar) {
            String text = scalar.getValue();
            if (text.equalsIgnoreCase("true")) {
                return true;
            }
            if (text.equalsIgnoreCase("false")) {
                return false;
            }
        }
        session.error(value, pathOf(key), describe(value) + " (expected: true or false)");
        return false;
    }

    Optional<MappingReader> object(String key) {
        Node value = take(key);
        return value == null ? Optional.empty() : of(session, value, pathOf(key));
    }

    /** A nested message, bound by {@code binder} when present. */
    <T> Optional<T> object(String key, Function<MappingReader, T> binder) {
        return object(key).map(reader -> {
            T bound = binder.apply(reader);
            reader.rejectUnknownFields();
            return bound;
        });
    }

    List<String> strings(String key) {
        List<String> result = new ArrayList<>();
        forEachItem(key, (item, itemPath) -> {
            if (item instanceof ScalarNode scalar) {
                result.add(scalar.getValue());
            } else {
                session.error(item, itemPath, "expected a string");
            }
        });
        return result;
    }

    /** A repeated message field; items that are not mappings are errors and skipped. */
    <T> List<T> objects(String key, Function<MappingReader, T> binder) {
        List<T> result = new ArrayList<>();
        forEachItem(key, (item, itemPath) -> of(session, item, itemPath).ifPresent(reader -> {
            result.add(binder.apply(reader));
            reader.rejectUnknownFields();
        }));
        return result;
    }

    Map<String, String> stringMap(String key) {
        Map<String, String> result = new LinkedHashMap<>();
        object(key).ifPresent(map -> map.forEachEntry((entryKey, value, entryPath) -> {
            if (value instanceof ScalarNode scalar && value.getTag() != Tag.NULL) {
                result.put(entryKey, scalar.getValue());
            } else {
                session.error(value, entryPath, "expected a string value");
            }
        }));
        return result;
    }

    Map<String, Integer> uint32Map(String key) {
        Map<String, Integer> result = new LinkedHashMap<>();
        object(key).ifPresent(map -> map.forEachEntry((entryKey, value, entryPath) -> {
            Integer parsed = value instanceof ScalarNode scalar ? parseInteger(scalar.getValue(), 0, Integer.MAX_VALUE) : null;
            if (parsed == null) {
                session.error(value, entryPath, describe(value) + " (expected: a non-negative integer)");
            } else {
                result.put(entryKey, parsed);
            }
        }));
        return result;
    }

    /** A {@code map<string, Message>} field. */
    <T> Map<String, T> objectMap(String key, Function<MappingReader, T> binder) {
        Map<String, T> result = new LinkedHashMap<>();
        object(key).ifPresent(map -> map.forEachEntry((entryKey, value, entryPath) -> {
            if (value == null || value.getTag() == Tag.NULL) {
                session.error(value, entryPath, "expected a mapping");
                return;
            }
            of(session, value, entryPath).ifPresent(reader -> {
                result.put(entryKey, binder.apply(reader));
                reader.rejectUnknownFields();
            });
        }));
        return result;
    }

    /**
     * An Istio field that is not supported yet: when present, a warning, and its contents are
     * checked against {@code shape}. Returns whether it was present.
     */
    boolean unsupported(String key, Shape shape) {
        NodeTuple tuple = entries.get(key);
        read.add(key);
        if (tuple == null || tuple.getValueNode().getTag() == Tag.NULL) {
            return false;
        }
        session.record(pathOf(key), tuple.getValueNode());
        session.warning(ConfigCodes.NOT_SUPPORTED, tuple.getKeyNode(), pathOf(key), UNSUPPORTED);
        ShapeCheck.check(session, tuple.getValueNode(), pathOf(key), shape);
        return true;
    }

    /** A field removed from the Istio API that Istio still accepts: a warning when present. */
    void removed(String key) {
        NodeTuple tuple = entries.get(key);
        read.add(key);
        if (tuple != null) {
            session.warning(ConfigCodes.DEPRECATED, tuple.getKeyNode(), pathOf(key), "removed from the Istio API, ignored");
        }
    }

    /** A field accepted and dropped without a finding (e.g. Kubernetes bookkeeping in metadata). */
    void skip(String key) {
        read.add(key);
    }

    /** Reports every field that no reader asked for. */
    void rejectUnknownFields() {
        for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
            if (!read.contains(entry.getKey())) {
                session.error(entry.getValue().getKeyNode(), pathOf(entry.getKey()), UNKNOWN_FIELD);
            }
        }
    }

    /** The value node of {@code key} (position recorded), or null when absent or null. */
    Node take(String key) {
        read.add(key);
        NodeTuple tuple = entries.get(key);
        if (tuple == null || tuple.getValueNode().getTag() == Tag.NULL) {
            return null;
        }
        session.record(pathOf(key), tuple.getValueNode());
        return tuple.getValueNode();
    }

    private interface ItemVisitor {
        void visit(Node item, String itemPath);
    }

    private interface EntryVisitor {
        void visit(String key, Node value, String entryPath);
    }

    private void forEachItem(String key, ItemVisitor visitor) {
        Node value = take(key);
        if (value == null) {
            return;
        }
        if (!(value instanceof SequenceNode sequence)) {
            session.error(value, pathOf(key), "expected a list");
            return;
        }
        List<Node> items = sequence.getValue();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = FieldPaths.item(pathOf(key), i);
            session.record(itemPath, items.get(i));
            visitor.visit(items.get(i), itemPath);
        }
    }

    private void forEachEntry(EntryVisitor visitor) {
        for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
            read.add(entry.getKey());
            String entryPath = pathOf(entry.getKey());
            Node value = entry.getValue().getValueNode();
            session.record(entryPath, value);
            visitor.visit(entry.getKey(), value, entryPath);
        }
    }

    private static String describe(Node value) {
        if (value instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        return value instanceof SequenceNode ? "a list" : "a mapping";
    }
}
