package io.foresail.core.pool;

/**
 * Hears the outcome of each connection attempt a pool makes (for TLS keys: connect and handshake),
 * on the pool's event loop. Implementations must not block and take no lock.
 */
public interface ConnectObserver {

    /** Hears nothing. */
    ConnectObserver NONE = new ConnectObserver() {
        @Override
        public void connected(PoolKey key) {
        }

        @Override
        public void connectFailed(PoolKey key, Throwable cause) {
        }
    };

    void connected(PoolKey key);

    void connectFailed(PoolKey key, Throwable cause);
}
