package io.foresail.config.validate;

import io.foresail.config.model.HttpMatchRequest;
import io.foresail.config.model.HttpRedirect;
import io.foresail.config.model.StringMatch;
import java.util.List;
import java.util.Set;

/**
 * Istio's {@code validateHTTPRedirect}, and the codes its route generator supports: another 3xx
 * passes Istio's validation, but the generator logs "Redirect Code %d is not yet supported" and
 * drops the action; here that is a warning and the route is skipped.
 */
final class RedirectRules {

    /** The codes Envoy's {@code RedirectResponseCode} has. */
    static final Set<Integer> SUPPORTED_CODES = Set.of(301, 302, 303, 307, 308);

    private RedirectRules() {
    }

    static void check(HttpRedirect redirect, List<HttpMatchRequest> matches, String path, ResourceFindings findings) {
        if (redirect.uri().isEmpty() && redirect.prefixRewrite().isEmpty() && redirect.authority().isEmpty()
                && redirect.scheme().isEmpty() && redirect.port() == 0 && redirect.derivePort().isEmpty()) {
            findings.error(path, "redirect must specify URI, authority, scheme, or port");
        }
        if (!redirect.uri().isEmpty() && !redirect.prefixRewrite().isEmpty()) {
            findings.error(path, "redirect may only contain one of URI or prefixRewrite");
        }
        if (!redirect.prefixRewrite().isEmpty()) {
            for (int i = 0; i < matches.size(); i++) {
                if (matches.get(i).uri().filter(uri -> uri instanceof StringMatch.Exact || uri instanceof StringMatch.Regex)
                        .isPresent()) {
                    findings.error(path + ".prefixRewrite", "prefixRewrite requires uri prefix matches; match[" + i
                            + "].uri is not a prefix");
                }
            }
        }
        int code = redirect.redirectCode();
        if (code != 0 && (code < 300 || code > 399)) {
            findings.error(path + ".redirectCode", code + " is not a valid redirect code, must be 3xx");
        } else if (code != 0 && !SUPPORTED_CODES.contains(code)) {
            findings.warning(path + ".redirectCode", "Redirect Code " + code + " is not yet supported: this route is skipped");
        }
        if (!redirect.scheme().isEmpty() && !redirect.scheme().equals("http") && !redirect.scheme().equals("https")) {
            findings.error(path + ".scheme", "invalid redirect scheme, must be \"http\" or \"https\"");
        }
        if (redirect.port() > 65535) {
            findings.error(path + ".port", "redirect port out of range: " + redirect.port());
        }
    }
}
