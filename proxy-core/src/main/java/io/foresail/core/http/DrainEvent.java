package io.foresail.core.http;

/**
 * User event fired through a downstream connection's pipeline when the listener that accepted it
 * is gone (its port was removed by a reload): an idle connection closes at once, a connection with
 * a request in progress answers it with {@code connection: close} and then closes.
 */
public enum DrainEvent {
    INSTANCE
}
