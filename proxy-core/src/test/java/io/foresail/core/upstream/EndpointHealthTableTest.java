package io.foresail.core.upstream;

import static io.foresail.core.testing.RoutingTables.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.config.table.Cluster;
import io.foresail.config.table.RoutingTable;
import io.foresail.core.pool.PoolKey;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointHealthTableTest {

    private static final Instant NOW = Instant.parse("2026-11-22T03:04:05Z");

    private final EndpointHealthTable table = new EndpointHealthTable(Clock.fixed(NOW, ZoneOffset.UTC));

    private static RoutingTable tableWith(String address, int port) {
        Cluster web = new Cluster("web", "web", 80, "", List.of(endpoint(address, port, 1)));
        return new RoutingTable(Map.of(), Map.of(web.name(), web), "hash");
    }

    @Test
    void endpointNeverTriedIsHealthy() {
        table.follow(tableWith("10.0.0.1", 8080));

        EndpointHealth health = table.of("10.0.0.1", 8080);
        assertThat(health.healthy()).isTrue();
        assertThat(health.connectAttempts()).isZero();
        assertThat(health.lastFailure()).isEmpty();
    }

    @Test
    void failedConnectIsCountedWithItsReasonAndTime() {
        table.follow(tableWith("10.0.0.1", 8080));

        table.connectFailed(PoolKey.of("10.0.0.1", 8080), new ConnectException("Connection refused"));

        EndpointHealth health = table.of("10.0.0.1", 8080);
        assertThat(health.healthy()).as("healthy after a failed attempt").isFalse();
        assertThat(health.connectFailures()).isEqualTo(1);
        assertThat(health.connectAttempts()).isEqualTo(1);
        assertThat(health.lastFailure()).contains(new EndpointHealth.Failure("Connection refused", NOW));
    }

    @Test
    void successfulConnectAfterAFailureIsHealthyAndKeepsTheLastFailure() {
        table.follow(tableWith("10.0.0.1", 8080));
        PoolKey key = PoolKey.of("10.0.0.1", 8080);
        table.connectFailed(key, new ConnectException("Connection refused"));

        table.connected(key);

        EndpointHealth health = table.of("10.0.0.1", 8080);
        assertThat(health.healthy()).isTrue();
        assertThat(health.connectAttempts()).isEqualTo(2);
        assertThat(health.connectFailures()).isEqualTo(1);
        assertThat(health.lastFailure()).as("last failure still shown").isPresent();
    }

    @Test
    void connectToAnEndpointTheConfigDoesNotHaveIsIgnored() {
        table.follow(tableWith("10.0.0.1", 8080));

        table.connectFailed(PoolKey.of("10.0.0.2", 8080), new ConnectException("Connection refused"));

        assertThat(table.of("10.0.0.2", 8080)).isNull();
        assertThat(table.of("10.0.0.1", 8080).connectFailures()).isZero();
    }

    @Test
    void publishedConfigStartsFreshCounters() {
        table.follow(tableWith("10.0.0.1", 8080));
        table.connectFailed(PoolKey.of("10.0.0.1", 8080), new ConnectException("Connection refused"));

        table.follow(tableWith("10.0.0.1", 8080));

        assertThat(table.of("10.0.0.1", 8080).connectFailures()).as("failures since the new config").isZero();
        assertThat(table.of("10.0.0.1", 8080).healthy()).isTrue();
    }

    @Test
    void failureWithoutAMessageIsNamedByItsType() {
        assertThat(EndpointHealthTable.reason(new ConnectException())).isEqualTo("ConnectException");
    }
}
