package io.foresail.config.validate;

import java.util.List;
import java.util.OptionalInt;

/** The gRPC status names Istio accepts in {@code fault.abort.grpcStatus}, with their codes. */
public final class GrpcStatusNames {

    /** Names in code order: the index is the code. */
    private static final List<String> NAMES = List.of("OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT",
            "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED",
            "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE",
            "DATA_LOSS", "UNAUTHENTICATED");

    private GrpcStatusNames() {
    }

    /** The numeric code of {@code name} ({@code UNAVAILABLE} ⇒ 14), or empty when it is not a status name. */
    public static OptionalInt code(String name) {
        int code = NAMES.indexOf(name);
        return code < 0 ? OptionalInt.empty() : OptionalInt.of(code);
    }
}
