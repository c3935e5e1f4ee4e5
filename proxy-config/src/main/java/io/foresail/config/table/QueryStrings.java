package io.foresail.config.table;

/**
 * Reading a raw query string the way Envoy's {@code QueryParamsMulti::parseParameters} does
 * without decoding: {@code &}-separated elements, each {@code name} or {@code name=value} split at
 * the first {@code =}; empty elements ({@code a=1&&b}) are elements with an empty name.
 */
final class QueryStrings {

    private QueryStrings() {
    }

    /**
     * The value of the first element named {@code name}: {@code ""} for {@code name} or
     * {@code name=}; {@code null} when no element has that name or {@code query} is {@code null}.
     * Allocates only the returned value.
     */
    static String firstValue(String query, String name) {
        if (query == null) {
            return null;
        }
        int length = query.length();
        int start = 0;
        while (start < length) {
            int end = query.indexOf('&', start);
            if (end < 0) {
                end = length;
            }
            int nameEnd = start;
            while (nameEnd < end && query.charAt(nameEnd) != '=') {
                nameEnd++;
            }
            if (nameEnd - start == name.length() && query.startsWith(name, start)) {
                return nameEnd == end ? "" : query.substring(nameEnd + 1, end);
            }
            start = end + 1;
        }
        return null;
    }
}
