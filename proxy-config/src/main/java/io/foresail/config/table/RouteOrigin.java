package io.foresail.config.table;

import io.foresail.config.model.SourcePosition;
import java.util.Objects;

/**
 * Where a compiled {@link Route} came from, for {@code explain} and the admin {@code /routes} page.
 *
 * @param virtualServiceId the VirtualService's {@code VirtualService/namespace/name}; empty for a
 *                         route not built from a VirtualService (tests, generated tables)
 * @param position         the position of the {@code http[i]} rule (or its match block) in its file
 */
public record RouteOrigin(String virtualServiceId, SourcePosition position) {

    /** The origin of a route built by hand rather than compiled from a file. */
    public static final RouteOrigin UNKNOWN = new RouteOrigin("", SourcePosition.ofFile("(built in code)"));

    public RouteOrigin {
        Objects.requireNonNull(virtualServiceId, "virtualServiceId");
        Objects.requireNonNull(position, "position");
    }

    @Override
    public String toString() {
        return virtualServiceId.isEmpty() ? position.toString() : virtualServiceId + " at " + position;
    }
}
