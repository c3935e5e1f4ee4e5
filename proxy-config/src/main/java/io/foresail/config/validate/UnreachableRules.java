package io.foresail.config.validate;

import io.foresail.config.model.ConfigCodes;
import io.foresail.config.model.HttpMatchRequest;
import io.foresail.config.model.HttpRoute;
import io.foresail.config.model.StringMatch;
import io.foresail.config.model.VirtualService;
import java.util.List;

/**
 * istioctl's IST0130: HTTP rules written after a catch-all rule of the same VirtualService are never
 * used (the compiler stops at the catch-all, like istiod). A catch-all has no match block, or a
 * block whose only condition is the whole path space ({@code prefix: /}, {@code regex: .*} or no uri).
 */
final class UnreachableRules {

    private UnreachableRules() {
    }

    static void check(VirtualService vs, ResourceFindings findings) {
        List<HttpRoute> rules = vs.http();
        for (int i = 0; i < rules.size(); i++) {
            if (isCatchAll(rules.get(i))) {
                for (int j = i + 1; j < rules.size(); j++) {
                    findings.warning(ConfigCodes.UNREACHABLE_RULE, "spec.http[" + j + "]", "VirtualService rule #" + j
                            + " not used (route without matches defined before: spec.http[" + i + "] matches every request)");
                }
                return;
            }
        }
    }

    private static boolean isCatchAll(HttpRoute rule) {
        return rule.match().isEmpty() || rule.match().stream().anyMatch(UnreachableRules::matchesEverything);
    }

    private static boolean matchesEverything(HttpMatchRequest match) {
        boolean onlyPath = match.scheme().isEmpty() && match.method().isEmpty() && match.authority().isEmpty()
                && match.headers().isEmpty() && match.withoutHeaders().isEmpty() && match.queryParams().isEmpty()
                && match.port() == 0 && match.gateways().isEmpty() && match.sourceLabels().isEmpty()
                && match.sourceNamespace().isEmpty();
        return onlyPath && match.uri().map(UnreachableRules::isWholePathSpace).orElse(true);
    }

    private static boolean isWholePathSpace(StringMatch uri) {
        return (uri instanceof StringMatch.Prefix prefix && prefix.value().equals("/"))
                || (uri instanceof StringMatch.Regex regex && regex.value().equals(".*"));
    }
}
