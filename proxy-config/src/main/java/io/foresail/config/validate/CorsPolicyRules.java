package io.foresail.config.validate;

import io.foresail.config.model.CorsPolicy;
import io.foresail.config.model.StringMatch;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Istio's {@code validateCORSPolicy}. */
final class CorsPolicyRules {

    /** The methods Istio accepts in {@code allowMethods} (Go's {@code net/http} methods, and {@code *}). */
    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "CONNECT", "OPTIONS",
            "TRACE", "*");

    /** RFC 7230 token characters, as Istio's {@code ValidateCORSHTTPHeaderName} checks header names. */
    private static final Pattern TOKEN = Pattern.compile("^[!#$%&'*+\\-.^_`|~A-Za-z0-9]+$");

    private CorsPolicyRules() {
    }

    static void check(CorsPolicy cors, String path, ResourceFindings findings) {
        for (int i = 0; i < cors.allowOrigins().size(); i++) {
            checkOrigin(cors.allowOrigins().get(i), path + ".allowOrigins[" + i + "]", findings);
        }
        if (!cors.allowOrigins().isEmpty() && !cors.allowOrigin().isEmpty()) {
            findings.warning(path + ".allowOrigin", "ignored: allowOrigins is set, and it takes precedence");
        }
        for (int i = 0; i < cors.allowMethods().size(); i++) {
            String method = cors.allowMethods().get(i);
            if (!METHODS.contains(method)) {
                findings.error(path + ".allowMethods[" + i + "]", GoFormat.quoted(method) + " is not a supported HTTP method");
            }
        }
        checkHeaderNames(cors.allowHeaders(), path + ".allowHeaders", findings);
        checkHeaderNames(cors.exposeHeaders(), path + ".exposeHeaders", findings);
        cors.maxAge().ifPresent(maxAge -> {
            DurationRules.check(maxAge, path + ".maxAge", findings);
            if (maxAge.getNano() > 0) {
                findings.error(path + ".maxAge", "max_age duration is accurate only to seconds precision");
            }
        });
    }

    private static void checkOrigin(StringMatch origin, String path, ResourceFindings findings) {
        String value = origin instanceof StringMatch.Exact exact ? exact.value()
                : origin instanceof StringMatch.Prefix prefix ? prefix.value()
                : origin instanceof StringMatch.Regex regex ? regex.value() : "";
        if (value.isEmpty()) {
            findings.error(path, "'' is not a valid match type for CORS allow origins");
            return;
        }
        if (origin instanceof StringMatch.Regex) {
            String problem = RegexRules.problem(value);
            if (problem != null) {
                findings.error(path + ".regex", problem);
            }
        }
    }

    private static void checkHeaderNames(List<String> names, String path, ResourceFindings findings) {
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name.isEmpty()) {
                findings.error(path + "[" + i + "]", "header name cannot be empty");
            } else if (!name.equals("*") && !TOKEN.matcher(name).matches()) {
                findings.error(path + "[" + i + "]", "header name " + name + " is not a valid header name");
            }
        }
    }
}
