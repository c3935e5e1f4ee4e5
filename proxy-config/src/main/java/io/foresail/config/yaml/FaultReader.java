package io.foresail.config.yaml;

import io.foresail.config.model.HttpFaultInjection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Binds a route's {@code fault} ({@code HTTPFaultInjection}). The delay type and the abort error
 * type are oneofs: writing more than one of their fields is an error, as protobuf parsing rejects it.
 * {@code abort.percent} was removed from the Istio API (reserved): a warning, ignored.
 */
final class FaultReader {

    private FaultReader() {
    }

    static Optional<HttpFaultInjection> read(MappingReader route) {
        return route.object("fault", fault -> new HttpFaultInjection(fault.object("delay", FaultReader::delay),
                fault.object("abort", FaultReader::abort)));
    }

    private static HttpFaultInjection.Delay delay(MappingReader delay) {
        oneOf(delay, "fixedDelay", "exponentialDelay");
        Optional<HttpFaultInjection.DelayType> type = Optional.empty();
        if (delay.has("fixedDelay")) {
            type = delay.duration("fixedDelay").map(HttpFaultInjection.FixedDelay::new);
        } else if (delay.has("exponentialDelay")) {
            type = delay.duration("exponentialDelay").map(HttpFaultInjection.ExponentialDelay::new);
        }
        delay.skip("fixedDelay");
        delay.skip("exponentialDelay");
        return new HttpFaultInjection.Delay(type, PercentReader.read(delay, "percentage"), delay.int32("percent"));
    }

    private static HttpFaultInjection.Abort abort(MappingReader abort) {
        oneOf(abort, "httpStatus", "grpcStatus", "http2Error");
        Optional<HttpFaultInjection.ErrorType> type = Optional.empty();
        if (abort.has("httpStatus")) {
            type = Optional.of(new HttpFaultInjection.HttpStatus(abort.int32("httpStatus")));
        } else if (abort.has("grpcStatus")) {
            type = Optional.of(new HttpFaultInjection.GrpcStatus(abort.string("grpcStatus")));
        } else if (abort.has("http2Error")) {
            type = Optional.of(new HttpFaultInjection.Http2Error(abort.string("http2Error")));
        }
        abort.skip("httpStatus");
        abort.skip("grpcStatus");
        abort.skip("http2Error");
        abort.removed("percent");
        return new HttpFaultInjection.Abort(type, PercentReader.read(abort, "percentage"));
    }

    private static void oneOf(MappingReader message, String... fields) {
        List<String> written = new ArrayList<>();
        for (String field : fields) {
            if (message.has(field)) {
                written.add(field);
            }
        }
        if (written.size() > 1) {
            message.session().error(message.node(), message.path(),
                    "more than one of " + String.join(", ", written) + " (expected: at most one)");
        }
    }
}
