package io.foresail.config.table;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VirtualHostMatcherTest {

    private static VirtualHost host(String... domains) {
        return new VirtualHost(List.of(domains), List.of());
    }

    private final VirtualHost exact = host("a.example.com");
    private final VirtualHost shortSuffix = host("*.example.com");
    private final VirtualHost longSuffix = host("*.b.example.com");
    private final VirtualHost any = host("*");
    private final VirtualHostMatcher matcher = VirtualHostMatcher.of(List.of(exact, shortSuffix, longSuffix, any));

    @Test
    void exactDomainWinsOverWildcards() {
        assertThat(matcher.match("a.example.com")).isSameAs(exact);
    }

    @Test
    void portIsStrippedAndCaseIgnored() {
        assertThat(matcher.match("A.Example.COM:8081")).isSameAs(exact);
        assertThat(matcher.match("[::1]:80")).as("IPv6 literal").isSameAs(any);
    }

    @Test
    void suffixWildcardPrefersLongestMatch() {
        assertThat(matcher.match("x.b.example.com")).isSameAs(longSuffix);
        assertThat(matcher.match("x.c.example.com")).isSameAs(shortSuffix);
    }

    @Test
    void wildcardNeverMatchesTheBareSuffix() {
        assertThat(matcher.match("example.com")).isSameAs(any);
        assertThat(matcher.match("b.example.com")).as("*.b.example.com does not match b.example.com").isSameAs(shortSuffix);
    }

    @Test
    void noFallThroughToALessSpecificHost() {
        VirtualHost chosen = matcher.match("a.example.com");

        assertThat(chosen.route(new io.foresail.config.testing.TestRequest("/", java.util.Map.of())))
                .as("exact vhost has no routes; the * vhost is not consulted").isNull();
    }

    @Test
    void noMatchWithoutCatchAllIsNull() {
        VirtualHostMatcher withoutAny = VirtualHostMatcher.of(List.of(exact));

        assertThat(withoutAny.match("other.com")).isNull();
    }

    @Test
    void aDomainInTwoVirtualHostsIsRejected() {
        assertThatThrownBy(() -> VirtualHostMatcher.of(List.of(host("x.com"), host("X.com"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X.com");
    }
}
