package io.foresail.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.config.table.RoutingTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotHolderTest {

    private static ProxySnapshot snapshot(long version) {
        return new ProxySnapshot(new RoutingTable(Map.of(), Map.of(), "hash-" + version), version);
    }

    @Test
    void hookSeesTheInitialSnapshot() {
        List<Long> seen = new ArrayList<>();

        new SnapshotHolder(snapshot(1), next -> seen.add(next.version()));

        assertThat(seen).as("the first snapshot is applied before it serves").containsExactly(1L);
    }

    @Test
    void hookRunsBeforeThePublishedSnapshotIsCurrent() {
        List<Long> currentDuringHook = new ArrayList<>();
        SnapshotHolder[] holder = new SnapshotHolder[1];
        holder[0] = new SnapshotHolder(snapshot(1), next -> {
            if (holder[0] != null) {
                currentDuringHook.add(holder[0].current().version());
            }
        });

        holder[0].publish(snapshot(2));

        assertThat(currentDuringHook).as("while the hook runs, the previous snapshot still serves").containsExactly(1L);
        assertThat(holder[0].current().version()).as("then the new one does").isEqualTo(2L);
    }
}
