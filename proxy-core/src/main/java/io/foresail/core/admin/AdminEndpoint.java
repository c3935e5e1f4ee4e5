package io.foresail.core.admin;

import java.util.List;
import java.util.Map;

/** One path of a local HTTP listener. Runs on that listener's own thread, never on the data plane. */
@FunctionalInterface
public interface AdminEndpoint {

    /**
     * @param method     the request method, upper-case
     * @param parameters the decoded query parameters
     */
    AdminResponse handle(String method, Map<String, List<String>> parameters);

    /** An endpoint that answers GET (and HEAD) only; other methods get 405. */
    static AdminEndpoint get(java.util.function.Function<Map<String, List<String>>, AdminResponse> handler) {
        return (method, parameters) -> method.equals("GET") || method.equals("HEAD")
                ? handler.apply(parameters)
                : AdminResponse.text(405, "method not allowed: " + method + " (expected: GET)\n");
    }

    /** An endpoint that changes state: POST only; GET and the rest get 405. */
    static AdminEndpoint post(java.util.function.Supplier<AdminResponse> handler) {
        return (method, parameters) -> method.equals("POST")
                ? handler.get()
                : AdminResponse.text(405, "method not allowed: " + method + " (expected: POST)\n");
    }
}
