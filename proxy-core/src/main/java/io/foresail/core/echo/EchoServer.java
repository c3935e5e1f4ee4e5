package io.foresail.core.echo;

import io.foresail.core.server.Transport;
import io.foresail.core.server.TransportKind;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The echo upstream that ships with Foresail, for the sample config, demos and benchmarks: one or
 * more HTTP/1.1 listeners, each answering with its own name ({@link EchoHandler}).
 */
public final class EchoServer implements AutoCloseable {

    /** One listener to open: {@code port} 0 picks a free port. */
    public record Listen(String host, int port, String name) {
    }

    private final EventLoopGroup group;
    private final List<Channel> channels;

    private EchoServer(EventLoopGroup group, List<Channel> channels) {
        this.group = group;
        this.channels = List.copyOf(channels);
    }

    public static EchoServer start(List<Listen> listens, int threads) throws InterruptedException {
        Transport transport = Transport.select(TransportKind.AUTO);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, transport.ioHandlerFactory());
        List<Channel> channels = new ArrayList<>();
        try {
            for (Listen listen : listens) {
                ServerBootstrap bootstrap = new ServerBootstrap()
                        .group(group)
                        .channel(transport.serverChannelType())
                        .option(ChannelOption.SO_BACKLOG, 1024)
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .childHandler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                ch.pipeline().addLast("http", new HttpServerCodec());
                                ch.pipeline().addLast("expect-continue", new HttpServerExpectContinueHandler());
                                ch.pipeline().addLast("echo", new EchoHandler(listen.name()));
                            }
                        });
                channels.add(bootstrap.bind(listen.host(), listen.port()).sync().channel());
            }
        } catch (RuntimeException | InterruptedException e) {
            channels.forEach(Channel::close);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
        return new EchoServer(group, channels);
    }

    /** The actual port of the {@code index}-th listener. */
    public int port(int index) {
        return ((InetSocketAddress) channels.get(index).localAddress()).getPort();
    }

    public void awaitClose() throws InterruptedException {
        for (Channel channel : channels) {
            channel.closeFuture().await();
        }
    }

    @Override
    public void close() {
        channels.forEach(Channel::close);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
