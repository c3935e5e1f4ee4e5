package io.foresail.config.table;

import java.util.Locale;
import java.util.Objects;

/**
 * One entry of a match block's {@code headers}: the header named {@code name} (compared
 * case-insensitively, stored lower-case) must satisfy {@code match}.
 */
public record HeaderMatch(String name, StringMatch match) {

    public HeaderMatch {
        name = Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
        Objects.requireNonNull(match, "match");
    }

    public boolean matches(RequestView request) {
        return match.matches(request.header(name));
    }
}
