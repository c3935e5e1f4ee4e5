package io.foresail.config.table;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Immutable compressed character trie from path prefixes to route indexes, answering the lowest
 * index whose prefix the path starts with. Prefixes are raw strings ({@code /foo} is a prefix of
 * {@code /foobar}), compared case-sensitively. Each node knows the lowest index stored below it, so
 * a lookup stops as soon as nothing deeper can beat what it already has.
 *
 * <p>A lookup walks the path once, comparing each edge in place: it allocates nothing, and its
 * cost depends on the path's length, not on the number of prefixes.
 */
final class PathTrie {

    /** What {@link #lowestMatch} answers when no prefix of the path is stored below the bound. */
    static final int NONE = Integer.MAX_VALUE;

    private final Node root;

    private PathTrie(Node root) {
        this.root = root;
    }

    /** A trie of {@code indexByPrefix}; each index must be >= 0. */
    static PathTrie of(Map<String, Integer> indexByPrefix) {
        NodeBuilder root = new NodeBuilder();
        indexByPrefix.forEach((prefix, index) -> {
            if (index < 0) {
                throw new IllegalArgumentException("index of prefix " + prefix + ": " + index + " (expected: >= 0)");
            }
            root.insert(prefix, index);
        });
        return new PathTrie(root.build(""));
    }

    /**
     * The lowest index below {@code bound} among the stored prefixes of {@code path}, or
     * {@code bound} itself when there is none ({@link #NONE} when called with {@code NONE}).
     */
    int lowestMatch(String path, int bound) {
        int lowest = bound;
        Node node = root;
        int position = 0;
        while (node.lowestBelow < lowest) {
            if (node.index < lowest) {
                lowest = node.index;
            }
            if (position == path.length()) {
                break;
            }
            Node child = node.child(path.charAt(position));
            if (child == null || !path.startsWith(child.edge, position)) {
                break;
            }
            position += child.edge.length();
            node = child;
        }
        return lowest;
    }

    /** One node: the edge leading to it from its parent, and what ends at or below it. */
    private static final class Node {

        private static final char[] NO_KEYS = new char[0];
        private static final Node[] NO_CHILDREN = new Node[0];

        /** The characters from the parent to this node; empty only at the root. */
        final String edge;
        /** Index of the prefix ending exactly here, or {@link #NONE}. */
        final int index;
        /** The lowest index at this node or anywhere below it. */
        final int lowestBelow;
        /** First character of each child's edge, ascending; parallel to {@link #children}. */
        private final char[] keys;
        private final Node[] children;

        Node(String edge, int index, char[] keys, Node[] children) {
            this.edge = edge;
            this.index = index;
            this.keys = keys.length == 0 ? NO_KEYS : keys;
            this.children = children.length == 0 ? NO_CHILDREN : children;
            int lowest = index;
            for (Node child : children) {
                lowest = Math.min(lowest, child.lowestBelow);
            }
            this.lowestBelow = lowest;
        }

        Node child(char key) {
            int slot = Arrays.binarySearch(keys, key);
            return slot >= 0 ? children[slot] : null;
        }
    }

    /** Mutable one-character-per-level trie, compressed into {@link Node}s by {@link #build}. */
    private static final class NodeBuilder {

        private final TreeMap<Character, NodeBuilder> children = new TreeMap<>();
        private int index = NONE;

        void insert(String prefix, int prefixIndex) {
            NodeBuilder node = this;
            for (int i = 0; i < prefix.length(); i++) {
                node = node.children.computeIfAbsent(prefix.charAt(i), key -> new NodeBuilder());
            }
            node.index = Math.min(node.index, prefixIndex);
        }

        /** This node as a compressed node reached by {@code edge}, its single-child chains merged into edges. */
        Node build(String edge) {
            char[] keys = new char[children.size()];
            Node[] built = new Node[children.size()];
            int slot = 0;
            for (Map.Entry<Character, NodeBuilder> entry : children.entrySet()) {
                StringBuilder childEdge = new StringBuilder().append(entry.getKey().charValue());
                NodeBuilder child = entry.getValue();
                while (child.index == NONE && child.children.size() == 1) {
                    Map.Entry<Character, NodeBuilder> only = child.children.firstEntry();
                    childEdge.append(only.getKey().charValue());
                    child = only.getValue();
                }
                keys[slot] = entry.getKey();
                built[slot] = child.build(childEdge.toString());
                slot++;
            }
            return new Node(edge, index, keys, built);
        }
    }
}
