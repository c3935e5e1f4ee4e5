package io.foresail.config.validate;

import io.foresail.config.model.ConfigCodes;
import io.foresail.config.model.HttpMirror;
import io.foresail.config.model.HttpRoute;
import java.util.Optional;

/**
 * Istio's checks of {@code mirror}, {@code mirrorPercentage}, deprecated {@code mirrorPercent}
 * and {@code mirrors} ({@code validateHTTPRoute}, {@code validateHTTPMirrors}); the exclusivity of
 * {@code mirror} and {@code mirrors} is checked with the route's other conflicts.
 */
final class MirrorRules {

    private MirrorRules() {
    }

    static void check(HttpRoute route, String path, ResourceFindings findings) {
        route.mirrorPercent().ifPresent(percent -> {
            if (percent > 100) {
                findings.error(path + ".mirrorPercent", "mirror_percent must have a max value of 100 (it has " + percent + ")");
            }
            findings.warning(ConfigCodes.DEPRECATED, path + ".mirrorPercent",
                    "using deprecated setting \"mirrorPercent\", use \"mirrorPercentage\" instead");
        });
        route.mirrorPercentage().ifPresent(percentage -> checkPercentage(percentage.value(), "mirror_percentage",
                path + ".mirrorPercentage", findings));
        route.mirror().ifPresent(destination -> VirtualServiceValidator.validateDestination(Optional.of(destination),
                path + ".mirror", findings));
        if (route.mirror().isEmpty() && (route.mirrorPercentage().isPresent() || route.mirrorPercent().isPresent())) {
            findings.warning(path, "a mirror percentage without mirror has no effect");
        }
        for (int i = 0; i < route.mirrors().size(); i++) {
            HttpMirror mirror = route.mirrors().get(i);
            String mirrorPath = path + ".mirrors[" + i + "]";
            if (mirror.destination().isEmpty()) {
                findings.error(mirrorPath + ".destination", "destination is required for mirrors");
                continue;
            }
            VirtualServiceValidator.validateDestination(mirror.destination(), mirrorPath + ".destination", findings);
            mirror.percentage().ifPresent(percentage -> checkPercentage(percentage.value(), "mirror percentage",
                    mirrorPath + ".percentage", findings));
        }
    }

    private static void checkPercentage(double value, String what, String path, ResourceFindings findings) {
        if (value > 100) {
            findings.error(path, what + " must have a max value of 100 (it has " + GoFormat.fixed(value) + ")");
        }
        if (value < 0) {
            findings.error(path, what + " must have a min value of 0 (it has " + GoFormat.fixed(value) + ")");
        }
    }
}
