package io.foresail.config.validate;

import io.foresail.config.model.StringMatch;

/** Checks one {@code StringMatch}: empty prefix (except for uri) and empty or invalid regex are errors. */
final class StringMatchRules {

    private StringMatchRules() {
    }

    static void check(StringMatch match, String path, boolean emptyPrefixAllowed, ResourceFindings findings) {
        if (match instanceof StringMatch.Prefix prefix && prefix.value().isEmpty() && !emptyPrefixAllowed) {
            findings.error(path + ".prefix", "prefix match must not be empty");
        } else if (match instanceof StringMatch.Regex regex) {
            String problem = RegexRules.problem(regex.value());
            if (problem != null) {
                findings.error(path + ".regex", problem);
            }
        }
    }
}
