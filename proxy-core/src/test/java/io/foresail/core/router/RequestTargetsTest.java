package io.foresail.core.router;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestTargetsTest {

    @Test
    void pathDropsQueryAndFragment() {
        assertThat(RequestTargets.path("/a/b?x=1")).isEqualTo("/a/b");
        assertThat(RequestTargets.path("/a#frag")).isEqualTo("/a");
        assertThat(RequestTargets.path("/?")).isEqualTo("/");
    }

    @Test
    void bareOriginFormPathIsReturnedAsIs() {
        String path = "/plain/path";
        assertThat(RequestTargets.path(path)).isSameAs(path);
    }

    @Test
    void absoluteFormYieldsAuthorityPathAndOriginForm() {
        String target = "HTTP://Example.com:8080/a/b?q=1";

        assertThat(RequestTargets.isAbsoluteForm(target)).isTrue();
        assertThat(RequestTargets.authority(target)).isEqualTo("Example.com:8080");
        assertThat(RequestTargets.path(target)).isEqualTo("/a/b");
        assertThat(RequestTargets.originForm(target)).isEqualTo("/a/b?q=1");
    }

    @Test
    void absoluteFormWithoutPathMeansRoot() {
        assertThat(RequestTargets.path("http://example.com")).isEqualTo("/");
        assertThat(RequestTargets.originForm("http://example.com")).isEqualTo("/");
        assertThat(RequestTargets.originForm("http://example.com?q")).isEqualTo("/?q");
    }

    @Test
    void absoluteFormWithAQueryButNoPathMeansRootEvenWhenTheQueryHoldsASlash() {
        assertThat(RequestTargets.path("http://h?q=/x")).as("the / in the query is not the path").isEqualTo("/");
        assertThat(RequestTargets.path("http://h#f/x")).isEqualTo("/");
        assertThat(RequestTargets.authority("http://h?q=/x")).isEqualTo("h");
    }

    @Test
    void originFormIsNotAbsolute() {
        assertThat(RequestTargets.isAbsoluteForm("/http://x")).isFalse();
        assertThat(RequestTargets.authority("/x")).isNull();
        assertThat(RequestTargets.isAbsoluteForm("*")).isFalse();
    }
}
