package io.foresail.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import org.junit.jupiter.api.Test;

class PipelinedRequestGateTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final DownstreamReads reads = new DownstreamReads(channel);

    PipelinedRequestGateTest() {
        channel.pipeline().addLast(new PipelinedRequestGate(reads));
    }

    private static HttpRequest get(String uri) {
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
    }

    private static void completeResponse(EmbeddedChannel channel) {
        channel.writeOutbound(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK), LastHttpContent.EMPTY_LAST_CONTENT);
        channel.outboundMessages().clear();
        channel.runPendingTasks();
    }

    @Test
    void secondRequestWaitsForTheFirstResponse() {
        channel.writeInbound(get("/1"), LastHttpContent.EMPTY_LAST_CONTENT, get("/2"), LastHttpContent.EMPTY_LAST_CONTENT);

        assertThat(((HttpRequest) channel.readInbound()).uri()).isEqualTo("/1");
        assertThat((Object) channel.readInbound()).isSameAs(LastHttpContent.EMPTY_LAST_CONTENT);
        assertThat((Object) channel.readInbound()).as("held until /1 is answered").isNull();
        assertThat(channel.config().isAutoRead()).as("reads pause while requests are held").isFalse();

        completeResponse(channel);

        assertThat(((HttpRequest) channel.readInbound()).uri()).isEqualTo("/2");
        assertThat((Object) channel.readInbound()).isSameAs(LastHttpContent.EMPTY_LAST_CONTENT);
        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void bodyOfTheCurrentRequestIsNeverHeld() {
        channel.writeInbound(get("/1"), new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[] {1})));

        assertThat((Object) channel.readInbound()).isInstanceOf(HttpRequest.class);
        DefaultHttpContent content = channel.readInbound();
        content.release();
        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void informationalResponseDoesNotReleaseHeldRequests() {
        channel.writeInbound(get("/1"), LastHttpContent.EMPTY_LAST_CONTENT, get("/2"));
        channel.readInbound();
        channel.readInbound();

        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        channel.outboundMessages().forEach(io.netty.util.ReferenceCountUtil::release);
        channel.outboundMessages().clear();
        channel.runPendingTasks();

        assertThat((Object) channel.readInbound()).isNull();
        completeResponse(channel);
        assertThat(((HttpRequest) channel.readInbound()).uri()).isEqualTo("/2");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void releasingHeldRequestsDoesNotResumeReadsAnotherPartyHolds() {
        channel.writeInbound(get("/1"), LastHttpContent.EMPTY_LAST_CONTENT, get("/2"), LastHttpContent.EMPTY_LAST_CONTENT);
        channel.readInbound();
        channel.readInbound();
        reads.suspend(DownstreamReads.Reason.UPSTREAM_CONNECTING);

        completeResponse(channel);

        assertThat(((HttpRequest) channel.readInbound()).uri()).isEqualTo("/2");
        assertThat((Object) channel.readInbound()).isSameAs(LastHttpContent.EMPTY_LAST_CONTENT);
        assertThat(channel.config().isAutoRead()).as("reads while the exchange is still connecting upstream").isFalse();
        reads.resume(DownstreamReads.Reason.UPSTREAM_CONNECTING);
        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void heldRequestsAreDroppedOnceTheConnectionIsClosing() {
        DefaultHttpContent heldBody = new DefaultHttpContent(Unpooled.buffer(4).writeInt(1));
        channel.writeInbound(get("/1"), LastHttpContent.EMPTY_LAST_CONTENT, get("/2"), heldBody);
        channel.readInbound();
        channel.readInbound();

        reads.closing();
        completeResponse(channel);
        DefaultHttpContent late = new DefaultHttpContent(Unpooled.buffer(4).writeInt(2));
        channel.writeInbound(get("/3"), late);

        assertThat((Object) channel.readInbound()).as("passed on after the last response").isNull();
        assertThat(heldBody.refCnt()).isZero();
        assertThat(late.refCnt()).isZero();
        assertThat(channel.config().isAutoRead()).isFalse();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void heldBuffersAreReleasedWhenTheConnectionCloses() {
        DefaultHttpContent held = new DefaultHttpContent(Unpooled.buffer(4).writeInt(1));
        channel.writeInbound(get("/1"), LastHttpContent.EMPTY_LAST_CONTENT, get("/2"), held);
        channel.readInbound();
        channel.readInbound();

        channel.close();

        assertThat(held.refCnt()).isZero();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }
}
