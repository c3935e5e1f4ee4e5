package io.foresail.config.table;

import com.google.re2j.Pattern;
import io.foresail.config.model.HttpRewrite;
import io.foresail.config.model.StringMatch;
import java.util.Optional;

/**
 * Compiles a path rewrite for one match block, as Istio hands it to Envoy: {@code uri} becomes
 * {@code prefix_rewrite}, which replaces the matched prefix on a prefix route (a block without a
 * uri match is prefix {@code /}) and the whole path on an exact or regex route;
 * {@code uriRegexRewrite} becomes {@code regex_rewrite}, compiled here with RE2.
 */
final class PathRewriteTranslator {

    private PathRewriteTranslator() {
    }

    /** {@code rewrite.uri} or {@code rewrite.uriRegexRewrite} for a block matching {@code uri}; empty when neither is written. */
    static Optional<PathRewrite> translate(HttpRewrite rewrite, Optional<StringMatch> uri) {
        if (rewrite.uriRegexRewrite().isPresent()) {
            HttpRewrite.RegexRewrite regex = rewrite.uriRegexRewrite().get();
            return Optional.of(substitution(regex.match(), regex.rewrite()));
        }
        if (rewrite.uri().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(replacement(uri, rewrite.uri()));
    }

    /** The matched prefix (or whole path) of a block matching {@code uri} replaced by {@code replacement}. */
    static PathRewrite replacement(Optional<StringMatch> uri, String replacement) {
        StringMatch written = uri.orElse(new StringMatch.Unset());
        if (written instanceof StringMatch.Exact || written instanceof StringMatch.Regex) {
            return new PathRewrite.ReplacePath(replacement);
        }
        String prefix = written instanceof StringMatch.Prefix matched ? matched.value() : "/";
        return new PathRewrite.ReplacePrefix(prefix, replacement);
    }

    /**
     * Envoy's {@code regex_rewrite}: every non-overlapping match of {@code regex} replaced by
     * {@code substitution}, in which {@code \1}..{@code \9} name capture groups and {@code \\} a backslash.
     */
    static PathRewrite.RegexSubstitution substitution(String regex, String substitution) {
        Pattern pattern = Pattern.compile(regex);
        String replacement = re2jReplacement(substitution);
        return new PathRewrite.RegexSubstitution(regex, substitution, path -> pattern.matcher(path).replaceAll(replacement));
    }

    /** RE2's {@code \N} groups in RE2/J's replacement syntax ({@code $N}, with {@code $} and {@code \} escaped). */
    private static String re2jReplacement(String substitution) {
        StringBuilder replacement = new StringBuilder(substitution.length() + 8);
        for (int i = 0; i < substitution.length(); i++) {
            char c = substitution.charAt(i);
            if (c == '\\' && i + 1 < substitution.length() && Character.isDigit(substitution.charAt(i + 1))) {
                replacement.append('$').append(substitution.charAt(++i));
            } else if (c == '\\' && i + 1 < substitution.length() && substitution.charAt(i + 1) == '\\') {
                replacement.append("\\\\");
                i++;
            } else if (c == '$' || c == '\\') {
                replacement.append('\\').append(c);
            } else {
                replacement.append(c);
            }
        }
        return replacement.toString();
    }
}
