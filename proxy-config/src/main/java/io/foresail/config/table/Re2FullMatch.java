package io.foresail.config.table;

import com.google.re2j.Pattern;
import java.util.function.Predicate;

/** An RE2 expression that must match the whole input, as Envoy's {@code safe_regex} does. */
final class Re2FullMatch implements Predicate<String> {

    private final Pattern pattern;

    private Re2FullMatch(Pattern pattern) {
        this.pattern = pattern;
    }

    static Re2FullMatch of(String regex) {
        return new Re2FullMatch(Pattern.compile(regex));
    }

    @Override
    public boolean test(String input) {
        return pattern.matcher(input).matches();
    }

    @Override
    public String toString() {
        return pattern.pattern();
    }
}
