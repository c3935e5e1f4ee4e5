package io.foresail.core.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.config.table.PathRewrite;
import io.foresail.config.table.RedirectAction;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RedirectLocationsTest {

    private static RequestHeadView request(String authority, String target, boolean secure) {
        return new RequestHeadView(HttpMethod.GET, authority, target, RequestTargets.path(target), new DefaultHttpHeaders(),
                secure);
    }

    private static RedirectAction redirect(Optional<String> scheme, Optional<String> authority, OptionalInt port,
                                           Optional<PathRewrite> path) {
        return new RedirectAction(301, scheme, authority, port, false, path);
    }

    @Test
    void unchangedPartsComeFromTheRequest() {
        RedirectAction toB = redirect(Optional.empty(), Optional.of("b.example.com"), OptionalInt.empty(), Optional.empty());

        assertThat(RedirectLocations.of(toB, request("a.example.com:8083", "/x/y?q=1", false)))
                .isEqualTo("http://b.example.com/x/y?q=1");
    }

    @Test
    void uriReplacesTheWholePathAndKeepsTheQuery() {
        RedirectAction toNew = redirect(Optional.empty(), Optional.empty(), OptionalInt.empty(),
                Optional.of(new PathRewrite.ReplacePath("/new")));

        assertThat(RedirectLocations.of(toNew, request("a.example.com", "/old/page?q=1", false)))
                .isEqualTo("http://a.example.com/new?q=1");
    }

    @Test
    void uriWithItsOwnQueryReplacesTheQuery() {
        RedirectAction toNew = redirect(Optional.empty(), Optional.empty(), OptionalInt.empty(),
                Optional.of(new PathRewrite.ReplacePath("/new?from=old")));

        assertThat(RedirectLocations.of(toNew, request("a.example.com", "/old?q=1", false)))
                .isEqualTo("http://a.example.com/new?from=old");
    }

    @Test
    void prefixRewriteReplacesTheMatchedPrefix() {
        RedirectAction moved = redirect(Optional.empty(), Optional.empty(), OptionalInt.empty(),
                Optional.of(new PathRewrite.ReplacePrefix("/old/", "/new/")));

        assertThat(RedirectLocations.of(moved, request("a.example.com", "/old/page", false)))
                .isEqualTo("http://a.example.com/new/page");
    }

    @Test
    void defaultPortOfTheSchemeIsOmitted() {
        RedirectAction https443 = redirect(Optional.of("https"), Optional.empty(), OptionalInt.of(443), Optional.empty());
        RedirectAction http8080 = redirect(Optional.of("http"), Optional.empty(), OptionalInt.of(8080), Optional.empty());

        assertThat(RedirectLocations.of(https443, request("a.example.com:8083", "/", false)))
                .as("the request's port is replaced, and 443 is https's default").isEqualTo("https://a.example.com/");
        assertThat(RedirectLocations.of(http8080, request("a.example.com", "/", true)))
                .isEqualTo("http://a.example.com:8080/");
    }

    @Test
    void schemeChangeDropsThePortOnlyWhenItWasTheOldSchemesDefault() {
        RedirectAction toHttps = redirect(Optional.of("https"), Optional.empty(), OptionalInt.empty(), Optional.empty());

        assertThat(RedirectLocations.of(toHttps, request("a.example.com:80", "/p", false))).isEqualTo("https://a.example.com/p");
        assertThat(RedirectLocations.of(toHttps, request("a.example.com:8083", "/p", false)))
                .as("Envoy keeps a port it cannot know to be wrong").isEqualTo("https://a.example.com:8083/p");
    }

    @Test
    void requestSchemeIsKeptWhenNotSet() {
        RedirectAction toB = redirect(Optional.empty(), Optional.of("b.example.com"), OptionalInt.empty(), Optional.empty());

        assertThat(RedirectLocations.of(toB, request("a.example.com", "/", true))).isEqualTo("https://b.example.com/");
    }
}
