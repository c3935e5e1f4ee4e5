package io.foresail.config.table;

import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PathTrieTest {

    @Test
    void answersTheLowestIndexAmongPrefixesOfThePath() {
        PathTrie trie = PathTrie.of(Map.of("/a/b", 0, "/a", 1, "/a/b/c", 2));

        assertThat(trie.lowestMatch("/a/b/c/d", PathTrie.NONE)).as("shorter prefix with lower index").isZero();
        assertThat(trie.lowestMatch("/a/x", PathTrie.NONE)).isEqualTo(1);
    }

    @Test
    void deeperPrefixWinsWhenItsIndexIsLower() {
        PathTrie trie = PathTrie.of(Map.of("/a", 5, "/a/b/c", 3, "/a/b", 4));

        assertThat(trie.lowestMatch("/a/b/c", PathTrie.NONE)).isEqualTo(3);
        assertThat(trie.lowestMatch("/a/b/x", PathTrie.NONE)).isEqualTo(4);
    }

    @Test
    void prefixIsARawStringPrefixInsideACompressedEdge() {
        PathTrie trie = PathTrie.of(Map.of("/foo", 0, "/foobar/baz", 1));

        assertThat(trie.lowestMatch("/foobar", PathTrie.NONE)).isZero();
        assertThat(trie.lowestMatch("/fo", PathTrie.NONE)).as("path shorter than the prefix").isEqualTo(PathTrie.NONE);
        assertThat(trie.lowestMatch("/foobar/bax", PathTrie.NONE)).as("edge differs in its last character").isZero();
    }

    @Test
    void comparesCaseSensitively() {
        PathTrie trie = PathTrie.of(Map.of("/Api", 0));

        assertThat(trie.lowestMatch("/api", PathTrie.NONE)).isEqualTo(PathTrie.NONE);
        assertThat(trie.lowestMatch("/Api/v1", PathTrie.NONE)).isZero();
    }

    @Test
    void emptyPrefixMatchesEveryPath() {
        PathTrie trie = PathTrie.of(Map.of("", 7, "/x", 2));

        assertThat(trie.lowestMatch("*", PathTrie.NONE)).isEqualTo(7);
        assertThat(trie.lowestMatch("", PathTrie.NONE)).isEqualTo(7);
        assertThat(trie.lowestMatch("/x", PathTrie.NONE)).isEqualTo(2);
    }

    @Test
    void boundIsAnsweredWhenNoPrefixIsLower() {
        PathTrie trie = PathTrie.of(Map.of("/a", 4, "/a/b", 1));

        assertThat(trie.lowestMatch("/a/b", 3)).isEqualTo(1);
        assertThat(trie.lowestMatch("/a/c", 3)).as("only /a, index 4, matches").isEqualTo(3);
    }

    @Test
    void emptyTrieMatchesNothing() {
        assertThat(PathTrie.of(Map.of()).lowestMatch("/", PathTrie.NONE)).isEqualTo(PathTrie.NONE);
    }
}
