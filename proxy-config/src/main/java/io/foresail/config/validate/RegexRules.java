package io.foresail.config.validate;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/** Istio's rules for regular expressions: RE2 syntax, at most 1024 characters, not empty. */
final class RegexRules {

    static final int MAX_LENGTH = 1024;

    private RegexRules() {
    }

    /** Why {@code regex} is not acceptable, or {@code null}. */
    static String problem(String regex) {
        if (regex.isEmpty()) {
            return "empty regex (expected: an RE2 expression)";
        }
        if (regex.length() > MAX_LENGTH) {
            return "regex is too large, max length allowed is " + MAX_LENGTH;
        }
        try {
            Pattern.compile(regex);
            return null;
        } catch (PatternSyntaxException e) {
            return "invalid regex: " + e.getDescription() + "; Istio uses RE2 style regex-based match";
        }
    }
}
