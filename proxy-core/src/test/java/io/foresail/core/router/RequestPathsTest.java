package io.foresail.core.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.core.http.ResponseFlag;
import org.junit.jupiter.api.Test;

class RequestPathsTest {

    /** Asserts each {@code {input, expected}} pair. */
    private static void assertNormalises(String[][] cases) {
        for (String[] pair : cases) {
            assertThat(RequestPaths.normalise(pair[0])).as("normalise(%s)", pair[0]).isEqualTo(pair[1]);
        }
    }

    @Test
    void normalPathComesBackAsTheSameInstance() {
        for (String path : new String[] {"/", "/a/b/", "/index.html", "/.well-known/acme", "/a..b/c.", "/..x/x..",
                "/a//b", "/A/B/C", "/a;b=c/@:!$&'()*+,=[]"}) {
            assertThat(RequestPaths.normalise(path)).as("normalise(%s)", path).isSameAs(path);
        }
    }

    @Test
    void pathWhoseEscapesAllStayComesBackAsTheSameInstance() {
        String path = "/a%2Fb/%3a%25";
        assertThat(RequestPaths.normalise(path)).isSameAs(path);
    }

    @Test
    void rfc3986Section54ExamplesMergedWithBaseDirectoryRemoveTheirDotSegments() {
        // RFC 3986 §5.4.1 and §5.4.2 against base http://a/b/c/d;p?q: the merged path ("/b/c/" + the
        // reference's path) and the path of the target URI given there.
        assertNormalises(new String[][] {
                {"/b/c/g", "/b/c/g"},
                {"/b/c/./g", "/b/c/g"},
                {"/b/c/g/", "/b/c/g/"},
                {"/b/c/.", "/b/c/"},
                {"/b/c/./", "/b/c/"},
                {"/b/c/..", "/b/"},
                {"/b/c/../", "/b/"},
                {"/b/c/../g", "/b/g"},
                {"/b/c/../..", "/"},
                {"/b/c/../../", "/"},
                {"/b/c/../../g", "/g"},
                {"/b/c/../../../g", "/g"},
                {"/b/c/../../../../g", "/g"},
                {"/./g", "/g"},
                {"/../g", "/g"},
                {"/b/c/g.", "/b/c/g."},
                {"/b/c/.g", "/b/c/.g"},
                {"/b/c/g..", "/b/c/g.."},
                {"/b/c/..g", "/b/c/..g"},
                {"/b/c/./../g", "/b/g"},
                {"/b/c/./g/.", "/b/c/g/"},
                {"/b/c/g/./h", "/b/c/g/h"},
                {"/b/c/g/../h", "/b/c/h"},
                {"/b/c/g;x=1/./y", "/b/c/g;x=1/y"},
                {"/b/c/g;x=1/../y", "/b/c/y"},
        });
    }

    @Test
    void singleDotSegmentIsDropped() {
        assertNormalises(new String[][] {{"/a/./b", "/a/b"}, {"/./a", "/a"}, {"/a/././b", "/a/b"}});
    }

    @Test
    void doubleDotSegmentDropsThePreviousSegment() {
        assertNormalises(new String[][] {{"/public/../admin", "/admin"}, {"/a/b/../../c", "/c"}});
    }

    @Test
    void doubleDotAboveTheRootStaysAtTheRoot() {
        assertNormalises(new String[][] {{"/..", "/"}, {"/../a", "/a"}, {"/a/b/../../../../c", "/c"}});
    }

    @Test
    void trailingDotSegmentKeepsTheSlashBeforeIt() {
        assertNormalises(new String[][] {{"/a/b/..", "/a/"}, {"/a/b/.", "/a/b/"}, {"/.", "/"}});
    }

    @Test
    void encodedDotsFormDotSegmentsInEitherCase() {
        assertNormalises(new String[][] {
                {"/a/b/%2e%2e/c", "/a/c"},
                {"/a/b/%2E%2E/c", "/a/c"},
                {"/a/b/%2E./c", "/a/c"},
                {"/a/b/.%2e/c", "/a/c"},
                {"/a/b/%2E/c", "/a/b/c"},
                {"/a/%2e", "/a/"},
        });
    }

    @Test
    void encodedDotOutsideADotSegmentIsDecoded() {
        assertNormalises(new String[][] {{"/a%2eb", "/a.b"}, {"/%2e%2e%2e/x", "/.../x"}, {"/%2E%2Ex", "/..x"}});
    }

    @Test
    void backslashIsWrittenAsASlash() {
        assertNormalises(new String[][] {{"/a\\b", "/a/b"}, {"/\\da", "//da"}});
    }

    @Test
    void backslashEndsADotSegment() {
        assertNormalises(new String[][] {{"/a/..\\c", "/c"}, {"/a\\..\\b", "/b"}, {"/a/.\\b", "/a/b"}});
    }

    @Test
    void encodedBackslashIsKeptEncoded() {
        assertNormalises(new String[][] {{"/%5c%25", "/%5c%25"}, {"/a/..%5Cb", "/a/..%5Cb"}});
    }

    @Test
    void escapedUnreservedCharactersAreDecoded() {
        assertNormalises(new String[][] {{"/%61%62c", "/abc"}, {"/%41%5A%30%39", "/AZ09"}, {"/%2d%5f%7E", "/-_~"}});
    }

    @Test
    void otherEscapesAreKeptWithTheirHexCase() {
        assertNormalises(new String[][] {
                {"/a/%2F%2f/c", "/a/%2F%2f/c"},
                {"/%c0%af", "/%c0%af"},
                {"/a%20b%3a%40%25", "/a%20b%3a%40%25"},
                {"/%7b%41", "/%7bA"},
        });
    }

    @Test
    void encodedSlashDoesNotStartADotSegment() {
        assertNormalises(new String[][] {{"/a%2F..%2Fb", "/a%2F..%2Fb"}, {"/a/b%2F../c", "/a/b%2F../c"}});
    }

    @Test
    void charactersThatMustBeEscapedAreEscapedInUpperCaseHex() {
        assertNormalises(new String[][] {
                {"/a|b{c}^`", "/a%7Cb%7Bc%7D%5E%60"},
                {"/\"<>", "/%22%3C%3E"},
                {"/a b\tc\u007f", "/a%20b%09c%7F"},
                {"/caf\u00e9", "/caf%E9"},
        });
    }

    @Test
    void charAboveLatin1IsEscapedAsItsUtf8Bytes() {
        assertNormalises(new String[][] {{"/\u20ac", "/%E2%82%AC"}, {"/\ud83d\ude00", "/%F0%9F%98%80"}, {"/\ud83d", "/%EF%BF%BD"}});
    }

    @Test
    void percentWithoutTwoHexDigitsIsKept() {
        assertNormalises(new String[][] {{"/100%", "/100%"}, {"/a%zz", "/a%zz"}, {"/%4", "/%4"}, {"/%%", "/%%"}});
    }

    @Test
    void strayPercentThatDecodingWouldTurnIntoAnEscapeIsWrittenPercent25() {
        assertNormalises(new String[][] {
                {"/%%30%30", "/%2500"},
                {"/%%3041", "/%25041"},
                {"/%%3g", "/%%3g"},
                {"/%%41", "/%A"},
        });
    }

    @Test
    void strayPercentInASegmentRemovedByDotDotIsForgotten() {
        assertNormalises(new String[][] {{"/a%/../%41%42", "/AB"}, {"/a%/../%34%31", "/41"}});
    }

    @Test
    void nulRawOrEncodedIsRejected() {
        for (String path : new String[] {"/a\u0000b", "/xyz/.%00../abc", "/xyz/%00.%00./abc", "/xyz/AAAAA%%0000/abc"}) {
            assertThat(RequestPaths.normalise(path)).as("normalise(%s)", path).isNull();
        }
    }

    @Test
    void rejectionIsEnvoysEmpty400WithoutResponseFlag() {
        assertThat(RequestPaths.REJECTED.status().code()).isEqualTo(400);
        assertThat(RequestPaths.REJECTED.flag()).isEqualTo(ResponseFlag.NONE);
        assertThat(RequestPaths.REJECTED.body()).isEmpty();
    }

    @Test
    void pathThatIsNotOriginFormIsReturnedUnchanged() {
        for (String path : new String[] {"*", "", "a/../b", "\\a\\..\\b"}) {
            assertThat(RequestPaths.normalise(path)).as("normalise(%s)", path).isSameAs(path);
        }
    }

    @Test
    void doubleSlashesAreNotMerged() {
        assertNormalises(new String[][] {{"//a//b/", "//a//b/"}, {"/a//b/../c", "/a//c"}, {"/a/..//b", "//b"}});
    }

    @Test
    void withPathKeepsTheQueryAsReceived() {
        assertThat(RequestPaths.withPath("/a/./b?x=/../y", "/a/b")).isEqualTo("/a/b?x=/../y");
        assertThat(RequestPaths.withPath("/a/../b", "/b")).isEqualTo("/b");
    }

    @Test
    void withPathDropsTheFragmentAsEnvoyDoes() {
        assertThat(RequestPaths.withPath("/a/../b#f?g", "/b")).as("fragment before any query").isEqualTo("/b");
        assertThat(RequestPaths.withPath("/a?q=1#/../admin", "/a")).as("fragment after the query").isEqualTo("/a?q=1");
    }

    @Test
    void withPathTurnsAnAbsoluteFormTargetIntoOriginForm() {
        assertThat(RequestPaths.withPath("http://example.com:8080/a/../b?q=1", "/b")).isEqualTo("/b?q=1");
        assertThat(RequestPaths.withPath("http://example.com/a/%2e%2e/b", "/b")).isEqualTo("/b");
    }
}
