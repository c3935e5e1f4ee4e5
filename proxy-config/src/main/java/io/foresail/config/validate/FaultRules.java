package io.foresail.config.validate;

import io.foresail.config.model.ConfigCodes;
import io.foresail.config.model.HttpFaultInjection;

/**
 * Istio's {@code validateHTTPFaultInjection}, istioctl's deprecation of {@code delay.percent}, and
 * warnings for a fault part that would never apply (no percentage, no delay type), which Istio
 * accepts silently.
 */
final class FaultRules {

    private FaultRules() {
    }

    static void check(HttpFaultInjection fault, String path, ResourceFindings findings) {
        if (fault.delay().isEmpty() && fault.abort().isEmpty()) {
            findings.error(path, "HTTP fault injection must have an abort and/or a delay");
        }
        fault.abort().ifPresent(abort -> checkAbort(abort, path + ".abort", findings));
        fault.delay().ifPresent(delay -> checkDelay(delay, path + ".delay", findings));
    }

    private static void checkAbort(HttpFaultInjection.Abort abort, String path, ResourceFindings findings) {
        PercentRules.check(abort.percentage(), path + ".percentage", findings);
        if (abort.errorType().isEmpty()) {
            findings.warning(path, "abort configured, but error type not set");
            return;
        }
        HttpFaultInjection.ErrorType type = abort.errorType().get();
        if (type instanceof HttpFaultInjection.HttpStatus status) {
            if (status.status() < 200 || status.status() > 599) {
                findings.error(path + ".httpStatus", "HTTP status " + status.status() + " is not in range 200-599");
            }
        } else if (type instanceof HttpFaultInjection.GrpcStatus grpc) {
            if (GrpcStatusNames.code(grpc.name()).isEmpty()) {
                findings.error(path + ".grpcStatus", "gRPC status " + GoFormat.quoted(grpc.name())
                        + " is not supported. See https://github.com/grpc/grpc/blob/master/doc/statuscodes.md "
                        + "for a list of supported codes, for example 'NOT_FOUND'");
            }
        } else {
            findings.error(path + ".http2Error", "HTTP/2 abort fault injection not supported yet");
        }
        if (abort.percentage().isEmpty()) {
            findings.warning(path, "abort has no percentage: it is never injected (Istio's default of 0%)");
        }
    }

    private static void checkDelay(HttpFaultInjection.Delay delay, String path, ResourceFindings findings) {
        PercentRules.check(delay.percentage(), path + ".percentage", findings);
        if (delay.type().isEmpty()) {
            findings.warning(path, "delay without fixedDelay: no delay is injected");
        } else if (delay.type().get() instanceof HttpFaultInjection.FixedDelay fixed) {
            DurationRules.check(fixed.value(), path + ".fixedDelay", findings);
        } else {
            HttpFaultInjection.ExponentialDelay exponential = (HttpFaultInjection.ExponentialDelay) delay.type().get();
            DurationRules.check(exponential.value(), path + ".exponentialDelay", findings);
            findings.error(path + ".exponentialDelay", "exponentialDelay not supported yet");
        }
        if (delay.percent() < 0 || delay.percent() > 100) {
            findings.error(path + ".percent", "percentage " + delay.percent() + " is not in range 0..100");
        } else if (delay.percent() > 0) {
            findings.warning(ConfigCodes.DEPRECATED, path + ".percent",
                    "HTTPRoute.fault.delay.percent is deprecated; use HTTPRoute.fault.delay.percentage");
        }
        if (delay.percentage().isEmpty() && delay.percent() == 0 && delay.type().isPresent()) {
            findings.warning(path, "delay has no percentage: it is never injected (Istio's default of 0%)");
        }
    }
}
