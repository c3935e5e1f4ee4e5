package io.foresail.config.explain;

import io.foresail.config.explain.Explanation.Step;
import io.foresail.config.table.DirectResponseAction;
import io.foresail.config.table.PathRewrite;
import io.foresail.config.table.RedirectAction;
import java.util.ArrayList;
import java.util.List;

/** The explain step of a route the proxy answers itself: its {@code redirect} or {@code directResponse}. */
final class RouteAnswerSteps {

    private RouteAnswerSteps() {
    }

    /** {@code redirect <code>}, with what the Location takes from the action (the rest comes from the request). */
    static Step redirect(RedirectAction redirect) {
        List<String> details = new ArrayList<>();
        redirect.scheme().ifPresent(scheme -> details.add("scheme " + scheme));
        redirect.authority().ifPresent(authority -> details.add("authority " + authority));
        redirect.port().ifPresent(port -> details.add("port " + port + (redirect.portFromRequest() ? " (the request's Gateway port)" : "")));
        redirect.path().ifPresent(path -> details.add(path instanceof PathRewrite.ReplacePrefix prefix
                ? "prefix " + prefix.matchedPrefix() + " replaced by " + prefix.replacement()
                : "path replaced by " + ((PathRewrite.ReplacePath) path).path()));
        return new Step("redirect", String.valueOf(redirect.code()), details);
    }

    static Step directResponse(DirectResponseAction response) {
        return new Step("direct-response", response.status() + ", " + response.bodyLength() + " byte(s) of body");
    }
}
