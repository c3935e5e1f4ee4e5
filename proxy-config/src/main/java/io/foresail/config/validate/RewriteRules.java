package io.foresail.config.validate;

import io.foresail.config.model.HttpRewrite;

/** Istio's {@code validateHTTPRewrite}. */
final class RewriteRules {

    private RewriteRules() {
    }

    static void check(HttpRewrite rewrite, String path, ResourceFindings findings) {
        if (!rewrite.uri().isEmpty() && rewrite.uriRegexRewrite().isPresent()) {
            findings.error(path, "rewrite may only contain one of URI or UriRegexRewrite");
        }
        if (rewrite.uri().isEmpty() && rewrite.uriRegexRewrite().isEmpty() && rewrite.authority().isEmpty()) {
            findings.error(path, "rewrite must specify at least one of URI, UriRegexRewrite, or authority. "
                    + "Only one of URI or UriRegexRewrite may be specified");
        }
        rewrite.uriRegexRewrite().ifPresent(regex -> {
            String regexPath = path + ".uriRegexRewrite";
            if (regex.match().isEmpty() || regex.rewrite().isEmpty()) {
                findings.error(regexPath, "UriRegexRewrite requires both Rewrite and Match fields to be specified");
                return;
            }
            String problem = RegexRules.problem(regex.match());
            if (problem != null) {
                findings.error(regexPath + ".match", "UriRegexRewrite contains an invalid regex: " + problem);
            }
        });
    }
}
