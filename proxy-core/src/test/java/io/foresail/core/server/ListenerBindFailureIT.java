package io.foresail.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.core.proxy.ExchangeObserver;
import io.foresail.core.runtime.SnapshotHolder;
import io.foresail.core.testing.Closer;
import io.foresail.core.testing.GatewayYaml;
import io.foresail.core.testing.RawHttpClient;
import io.foresail.core.testing.StubUpstream;
import io.foresail.core.testing.YamlSnapshots;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A Gateway port a reload adds but that cannot be bound: reported with its port, everything else keeps serving. */
class ListenerBindFailureIT {

    private static final int SERVED = 8080;
    private static final int TAKEN = 9090;

    @RegisterExtension
    final Closer closer = new Closer();

    @TempDir
    Path folder;

    @Test
    void newPortThatCannotBeBoundIsReportedAndTheOtherPortsKeepServing() throws Exception {
        StubUpstream upstream = closer.register(StubUpstream.start("web"));
        ServerSocket occupant = closer.register(new ServerSocket());
        occupant.bind(new InetSocketAddress("127.0.0.1", 0));
        // Every Gateway port on an ephemeral port, except TAKEN, which lands on the occupied one.
        ListenAddress addresses = gatewayPort -> new InetSocketAddress("127.0.0.1",
                gatewayPort == TAKEN ? occupant.getLocalPort() : 0);
        SnapshotHolder holder = YamlSnapshots.load(folder, Optional.empty(), GatewayYaml.plainHttp("edge", SERVED, upstream.port()));
        ProxyServer server = closer.register(ProxyServer.start(holder,
                ProxyServerOptions.builder().workerThreads(1).build(), ExchangeObserver.NONE, addresses));

        List<String> failures = server.follow(YamlSnapshots.table(folder, Optional.empty(),
                GatewayYaml.plainHttp("edge", SERVED, upstream.port()) + "---\n"
                        + GatewayYaml.plainHttp("other", TAKEN, upstream.port())));

        assertThat(failures).as("bind failures reported").singleElement().asString()
                .startsWith("port " + TAKEN + ": ").containsIgnoringCase("address already in use");
        assertThat(server.listenedPorts()).as("ports listened on").isEqualTo(Set.of(SERVED));
        assertThat(server.ready()).as("ready on the ports that are bound").isTrue();
        try (RawHttpClient client = new RawHttpClient(server.boundPort(SERVED))) {
            assertThat(client.exchange("GET / HTTP/1.1\r\nHost: a.example.com\r\n\r\n").status())
                    .as("the bound port still serves").isEqualTo(200);
        }
    }
}
