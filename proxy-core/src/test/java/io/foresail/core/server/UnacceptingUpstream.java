package io.foresail.core.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * An upstream on {@code 127.0.0.1:0} that never accepts: its accept backlog is filled by
 * connections of its own, so the kernel drops further SYNs and a proxy's connect to it stays
 * pending (until the proxy's connect timeout). For what the proxy does while connecting.
 */
final class UnacceptingUpstream implements AutoCloseable {

    private static final int BACKLOG = 1;

    private final ServerSocketChannel server;
    private final List<SocketChannel> fillers = new ArrayList<>();

    UnacceptingUpstream() throws IOException {
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0), BACKLOG);
        InetSocketAddress address = (InetSocketAddress) server.getLocalAddress();
        for (int i = 0; i < BACKLOG + 3; i++) {
            SocketChannel filler = SocketChannel.open();
            filler.setOption(StandardSocketOptions.SO_LINGER, 0);
            filler.configureBlocking(false);
            filler.connect(address);
            fillers.add(filler);
        }
    }

    int port() throws IOException {
        return ((InetSocketAddress) server.getLocalAddress()).getPort();
    }

    @Override
    public void close() throws IOException {
        for (SocketChannel filler : fillers) {
            filler.close();
        }
        server.close();
    }
}
