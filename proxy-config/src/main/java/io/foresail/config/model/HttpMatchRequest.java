package io.foresail.config.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code HTTPMatchRequest} block: all of its conditions must hold. Zero and empty mean "not written".
 *
 * @param name            match name, appended to the route name
 * @param uri             path condition
 * @param ignoreUriCase   case-insensitive exact/prefix uri match
 * @param scheme          {@code :scheme} condition
 * @param method          {@code :method} condition
 * @param authority       {@code :authority} condition
 * @param headers         header conditions by header name
 * @param withoutHeaders  inverted header conditions
 * @param queryParams     query parameter conditions
 * @param port            server port this block is limited to, 0 for any
 * @param gateways        gateways this block is limited to (overrides the VirtualService's)
 * @param sourceLabels    proxy labels this block is limited to
 * @param sourceNamespace proxy namespace this block is limited to
 */
public record HttpMatchRequest(String name, Optional<StringMatch> uri, boolean ignoreUriCase,
                               Optional<StringMatch> scheme, Optional<StringMatch> method,
                               Optional<StringMatch> authority, Map<String, StringMatch> headers,
                               Map<String, StringMatch> withoutHeaders, Map<String, StringMatch> queryParams,
                               int port, List<String> gateways, Map<String, String> sourceLabels,
                               String sourceNamespace) {

    public HttpMatchRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(authority, "authority");
        headers = Map.copyOf(headers);
        withoutHeaders = Map.copyOf(withoutHeaders);
        queryParams = Map.copyOf(queryParams);
        gateways = List.copyOf(gateways);
        sourceLabels = Map.copyOf(sourceLabels);
        Objects.requireNonNull(sourceNamespace, "sourceNamespace");
    }
}
