package io.foresail.config.table;

import io.foresail.config.model.HttpFaultInjection;
import io.foresail.config.validate.GrpcStatusNames;
import java.util.Optional;

/**
 * A route's {@code fault} as Istio's {@code TranslateFault} builds Envoy's fault filter config: a
 * delay needs {@code fixedDelay} and applies to {@code percentage}, else to the deprecated integer
 * {@code percent} (0, i.e. never, when neither is written); an abort needs an HTTP or gRPC status
 * and applies to {@code percentage} (never when absent). A fault with neither is no fault.
 */
final class FaultPolicyTranslator {

    private FaultPolicyTranslator() {
    }

    static Optional<FaultPolicy> translate(Optional<HttpFaultInjection> written) {
        if (written.isEmpty()) {
            return Optional.empty();
        }
        Optional<FaultPolicy.Delay> delay = written.get().delay().flatMap(FaultPolicyTranslator::delay);
        Optional<FaultPolicy.Abort> abort = written.get().abort().flatMap(FaultPolicyTranslator::abort);
        return delay.isEmpty() && abort.isEmpty() ? Optional.empty() : Optional.of(new FaultPolicy(delay, abort));
    }

    private static Optional<FaultPolicy.Delay> delay(HttpFaultInjection.Delay delay) {
        if (delay.type().isEmpty() || !(delay.type().get() instanceof HttpFaultInjection.FixedDelay fixed)) {
            return Optional.empty();
        }
        return Optional.of(new FaultPolicy.Delay(fixed.value(),
                Percentages.of(delay.percentage(), Percentages.of(delay.percent()))));
    }

    private static Optional<FaultPolicy.Abort> abort(HttpFaultInjection.Abort abort) {
        Percentage percentage = Percentages.of(abort.percentage(), Percentage.NEVER);
        if (abort.errorType().isEmpty()) {
            return Optional.empty();
        }
        HttpFaultInjection.ErrorType type = abort.errorType().get();
        if (type instanceof HttpFaultInjection.HttpStatus status) {
            return Optional.of(new FaultPolicy.Abort(status.status(), Optional.empty(), percentage));
        }
        if (type instanceof HttpFaultInjection.GrpcStatus grpc && GrpcStatusNames.code(grpc.name()).isPresent()) {
            return Optional.of(new FaultPolicy.Abort(200, Optional.of(GrpcStatusNames.code(grpc.name()).getAsInt()),
                    percentage));
        }
        return Optional.empty();
    }
}
