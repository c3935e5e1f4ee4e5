package io.foresail.config.model;

import java.util.Objects;

/**
 * A ServiceEntry port. Zero and empty mean "not written".
 *
 * @param targetPort the endpoint port when an endpoint does not name one; 0 means {@code number}
 */
public record ServicePort(int number, String protocol, String name, int targetPort) {

    public ServicePort {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(name, "name");
    }
}
