package io.foresail.core.server;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;

/**
 * The I/O transport of the event loops: io_uring (one {@code io_uring_enter} submits and reaps the
 * reads and writes of many connections), native epoll, or NIO.
 */
public record Transport(String name, IoHandlerFactory ioHandlerFactory, Class<? extends ServerChannel> serverChannelType,
                 Class<? extends Channel> channelType) {

    /**
     * The transport {@code kind} asks for; for {@link TransportKind#AUTO} the first of io_uring,
     * epoll and NIO that is available.
     *
     * @throws IllegalStateException when a native transport asked for by name cannot load here, with the reason
     */
    public static Transport select(TransportKind kind) {
        return switch (kind) {
            case AUTO -> IoUring.isAvailable() ? ioUring() : Epoll.isAvailable() ? epoll() : nio();
            case IO_URING -> {
                if (!IoUring.isAvailable()) {
                    throw new IllegalStateException("--transport io_uring: not available on this machine ("
                            + IoUring.unavailabilityCause() + ")");
                }
                yield ioUring();
            }
            case EPOLL -> {
                if (!Epoll.isAvailable()) {
                    throw new IllegalStateException("--transport epoll: not available on this machine ("
                            + Epoll.unavailabilityCause() + ")");
                }
                yield epoll();
            }
            case NIO -> nio();
        };
    }

    private static Transport ioUring() {
        return new Transport("io_uring", IoUringIoHandler.newFactory(), IoUringServerSocketChannel.class, IoUringSocketChannel.class);
    }

    private static Transport epoll() {
        return new Transport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class, EpollSocketChannel.class);
    }

    public static Transport nio() {
        return new Transport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class, NioSocketChannel.class);
    }
}
