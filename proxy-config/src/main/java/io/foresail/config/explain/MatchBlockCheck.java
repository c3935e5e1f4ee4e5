package io.foresail.config.explain;

import io.foresail.config.table.HeaderMatch;
import io.foresail.config.table.PathMatch;
import io.foresail.config.table.QueryParamMatch;
import io.foresail.config.table.RequestMatch;
import io.foresail.config.table.RequestView;
import io.foresail.config.table.StringMatch;

/**
 * Names the conditions of a compiled match block, and the first one a request fails, in the
 * order {@link RequestMatch#matches} evaluates them (uri, headers, query parameters).
 */
final class MatchBlockCheck {

    private MatchBlockCheck() {
    }

    /** The first condition of {@code block} that {@code request} fails, or {@code null} when it passes. */
    static String firstFailure(RequestMatch block, RequestView request) {
        if (!block.uri().matches(request.path())) {
            return describe(block.uri()) + " (path " + request.path() + ")";
        }
        for (HeaderMatch header : block.headers()) {
            if (!header.matches(request)) {
                String value = request.header(header.name());
                return "header " + header.name() + " " + describe(header.match())
                        + (value == null ? " (absent)" : " (was " + value + ")");
            }
        }
        for (QueryParamMatch queryParam : block.queryParams()) {
            if (!queryParam.matches(request.query())) {
                return "query " + queryParam.name() + " " + describe(queryParam.match())
                        + " (query " + (request.query() == null ? "absent" : request.query()) + ")";
            }
        }
        return null;
    }

    /** How many conditions of {@code block} are written (the uri counts as one, also when it is the default prefix {@code /}). */
    static int conditions(RequestMatch block) {
        return 1 + block.headers().size() + block.queryParams().size();
    }

    /** How many conditions of {@code block} {@code request} fails: 0 when it passes; fewer means a nearer miss. */
    static int failedConditions(RequestMatch block, RequestView request) {
        int failed = block.uri().matches(request.path()) ? 0 : 1;
        for (HeaderMatch header : block.headers()) {
            failed += header.matches(request) ? 0 : 1;
        }
        for (QueryParamMatch queryParam : block.queryParams()) {
            failed += queryParam.matches(request.query()) ? 0 : 1;
        }
        return failed;
    }

    static String describe(RequestMatch block) {
        StringBuilder text = new StringBuilder(describe(block.uri()));
        block.headers().forEach(h -> text.append(", header ").append(h.name()).append(' ').append(describe(h.match())));
        block.queryParams().forEach(q -> text.append(", query ").append(q.name()).append(' ').append(describe(q.match())));
        return text.toString();
    }

    static String describe(PathMatch uri) {
        if (uri instanceof PathMatch.Exact exact) {
            return "uri exact " + exact.value() + (exact.ignoreCase() ? " (ignoring case)" : "");
        }
        if (uri instanceof PathMatch.Prefix prefix) {
            return "uri prefix " + prefix.value() + (prefix.ignoreCase() ? " (ignoring case)" : "");
        }
        return "uri regex " + ((PathMatch.Regex) uri).source();
    }

    static String describe(StringMatch match) {
        if (match instanceof StringMatch.Exact exact) {
            return "exact " + exact.value();
        }
        if (match instanceof StringMatch.Prefix prefix) {
            return "prefix " + prefix.value();
        }
        if (match instanceof StringMatch.Regex regex) {
            return "regex " + regex.source();
        }
        if (match instanceof StringMatch.Inverted inverted) {
            return "not " + describe(inverted.matched());
        }
        if (match instanceof StringMatch.Absent) {
            return "absent";
        }
        return "present";
    }
}
