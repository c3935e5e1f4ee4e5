package io.foresail.core.pool;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Last handler of every pooled upstream connection: remembers the connection's {@link PoolKey}
 * and whether it is idle in the pool, and closes it when it has been idle for the pool's idle
 * timeout. Idle events while a request uses the connection are ignored here.
 */
final class IdleConnectionHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "pool-idle";

    private final PoolKey key;
    private boolean idle;

    IdleConnectionHandler(PoolKey key) {
        this.key = key;
    }

    PoolKey key() {
        return key;
    }

    boolean isIdle() {
        return idle;
    }

    void idle(boolean idle) {
        this.idle = idle;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            if (idle) {
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }
}
