package io.foresail.config.table;

import java.util.Objects;

/**
 * One entry of a match block's {@code queryParams}, as Envoy's {@code QueryParameterMatcher}
 * evaluates it: the first parameter named exactly {@code name} (case-sensitive) must satisfy
 * {@code match}; a request without that parameter never matches, whatever {@code match} is.
 * {@code ?key} and {@code ?key=} both carry {@code key} with the empty value.
 *
 * <p>Names and values are compared as they appear in the request, <em>not</em> percent-decoded
 * ({@code %20} stays {@code %20}, {@code +} stays {@code +}): Envoy's route matcher parses the
 * query with {@code Http::Utility::QueryParamsMulti::parseQueryString}, which calls
 * {@code parseParameters(url, start, decode_params=false)} (source/common/http/utility.cc), and
 * {@code ConfigUtility::QueryParameterMatcher::matches} looks at {@code getFirstValue(name)}
 * (source/common/router/config_utility.cc).
 */
public record QueryParamMatch(String name, StringMatch match) {

    public QueryParamMatch {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(match, "match");
    }

    /** @param query the raw query string (after {@code ?}, without fragment); {@code null} when none */
    public boolean matches(String query) {
        String value = QueryStrings.firstValue(query, name);
        return value != null && match.matches(value);
    }
}
