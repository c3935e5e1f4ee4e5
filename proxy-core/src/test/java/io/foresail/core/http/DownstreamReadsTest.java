package io.foresail.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.core.http.DownstreamReads.Reason;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class DownstreamReadsTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final DownstreamReads reads = new DownstreamReads(channel);

    @Test
    void readsStopWithTheFirstReasonAndResumeOnlyWhenNoneIsHeld() {
        reads.suspend(Reason.PIPELINE_GATE);
        reads.suspend(Reason.UPSTREAM_CONNECTING);
        assertThat(channel.config().isAutoRead()).isFalse();

        reads.resume(Reason.PIPELINE_GATE);
        assertThat(channel.config().isAutoRead()).as("autoRead while the exchange still connects").isFalse();
        assertThat(reads.isHeld(Reason.UPSTREAM_CONNECTING)).isTrue();

        reads.resume(Reason.UPSTREAM_CONNECTING);
        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(reads.isReading()).isTrue();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void holdingAReasonTwiceIsOneHold() {
        reads.suspend(Reason.UPSTREAM_UNWRITABLE);
        reads.suspend(Reason.UPSTREAM_UNWRITABLE);

        reads.resume(Reason.UPSTREAM_UNWRITABLE);

        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aClosingConnectionNeverReadsAgain() {
        reads.suspend(Reason.UPSTREAM_CONNECTING);

        reads.closing();
        reads.resume(Reason.UPSTREAM_CONNECTING);

        assertThat(channel.config().isAutoRead()).isFalse();
        assertThat(reads.isClosing()).isTrue();
        assertThat(reads.isReading()).isFalse();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void releasingAReasonNotHeldChangesNothing() {
        reads.suspend(Reason.PIPELINE_GATE);

        reads.resume(Reason.UPSTREAM_UNWRITABLE);

        assertThat(channel.config().isAutoRead()).isFalse();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }
}
