package io.foresail.config.validate;

import io.foresail.config.model.HeaderOperations;
import io.foresail.config.model.Headers;
import io.foresail.config.model.HttpRewrite;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Istio's checks of {@code headers} on a route or a route destination: header names, values, and
 * the one place an authority may be set ({@code rewrite.authority}, or a request {@code set}/{@code add}
 * of {@code host} or {@code :authority}).
 */
final class HeaderOperationRules {

    /** Istio's valid header name. */
    private static final Pattern HEADER_NAME = Pattern.compile("^[-_A-Za-z0-9]+$");
    /** An Envoy command operator such as {@code %DOWNSTREAM_REMOTE_ADDRESS%}. */
    private static final Pattern COMMAND_OPERATOR = Pattern.compile("%[A-Z_]+(\\(.*\\))?(:[0-9]+)?%");

    private HeaderOperationRules() {
    }

    /** The route-level {@code headers}, with the route's {@code rewrite} for the authority check. */
    static void checkRoute(Headers headers, Optional<HttpRewrite> rewrite, String path, ResourceFindings findings) {
        check(headers, rewrite.map(HttpRewrite::authority).orElse(""), path + ".headers", findings);
    }

    /** A destination's own {@code headers}. */
    static void checkDestination(Headers headers, String path, ResourceFindings findings) {
        check(headers, "", path + ".headers", findings);
    }

    static boolean isAuthority(String name) {
        return name.equalsIgnoreCase("host") || name.equalsIgnoreCase(":authority");
    }

    private static void check(Headers headers, String authority, String path, ResourceFindings findings) {
        String current = authority;
        current = checkRequestValues(headers.request().set(), current, path + ".request.set", findings);
        current = checkRequestValues(headers.request().add(), current, path + ".request.add", findings);
        for (int i = 0; i < headers.request().remove().size(); i++) {
            checkOperationName(headers.request().remove().get(i), path + ".request.remove[" + i + "]", findings);
        }
        checkResponseValues(headers.response().set(), path + ".response.set", findings);
        checkResponseValues(headers.response().add(), path + ".response.add", findings);
        for (int i = 0; i < headers.response().remove().size(); i++) {
            checkOperationName(headers.response().remove().get(i), path + ".response.remove[" + i + "]", findings);
        }
    }

    /** Request {@code set}/{@code add}: {@code host} and {@code :authority} are authority rewrites. Returns the authority set so far. */
    private static String checkRequestValues(Map<String, String> values, String authority, String path,
                                             ResourceFindings findings) {
        String current = authority;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String entryPath = path + "." + entry.getKey();
            if (isAuthority(entry.getKey())) {
                if (!current.isEmpty()) {
                    findings.error(entryPath, "authority header cannot be set multiple times: have \"" + current
                            + "\", attempting to set \"" + entry.getValue() + "\"");
                }
                current = entry.getValue();
            } else {
                checkName(entry.getKey(), entryPath, findings);
            }
            checkValue(entry.getValue(), entryPath, findings);
        }
        return current;
    }

    private static void checkResponseValues(Map<String, String> values, String path, ResourceFindings findings) {
        values.forEach((name, value) -> {
            checkOperationName(name, path + "." + name, findings);
            checkValue(value, path + "." + name, findings);
        });
    }

    /** A name a response operation (or a removal) may use: not {@code host}, no {@code :} prefix. */
    private static void checkOperationName(String name, String path, ResourceFindings findings) {
        if (name.equalsIgnoreCase("host")) {
            findings.error(path, "cannot set Host header");
            return;
        }
        checkName(name, path, findings);
    }

    private static void checkName(String name, String path, ResourceFindings findings) {
        if (name.isEmpty()) {
            findings.error(path, "header name cannot be empty");
        } else if (name.startsWith(":")) {
            findings.error(path, "invalid header \"" + name + "\": header cannot have \":\" prefix");
        } else if (!HEADER_NAME.matcher(name).matches()) {
            findings.error(path, "header name " + name + " is not a valid header name");
        }
    }

    private static void checkValue(String value, String path, ResourceFindings findings) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                findings.error(path, "header value configuration " + value.replaceAll("\\p{Cntrl}", "?") + " is invalid");
                return;
            }
        }
        if (COMMAND_OPERATOR.matcher(value).find()) {
            findings.warning(path, "Envoy command operators (%...%) are not supported: the value is sent as written");
        }
    }
}
