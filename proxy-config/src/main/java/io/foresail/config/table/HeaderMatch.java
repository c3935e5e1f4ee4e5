package io.foresail.config.table;

import java.util.Locale;
import java.util.Objects;

/**
 * One header condition of a match block: the header named {@code name} (compared
 * case-insensitively, stored lower-case, as Envoy lower-cases matcher names) must satisfy
 * {@code match}. The name may be a pseudo-header ({@code :method}, {@code :scheme},
 * {@code :authority}); a {@code withoutHeaders} entry carries an {@link StringMatch.Inverted} or
 * {@link StringMatch.Absent} match.
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
