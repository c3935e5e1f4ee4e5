package io.foresail.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The upstream end of a pooled connection, behind the client codec the pool uses, in an {@link EmbeddedChannel}. */
class UpstreamHandlerTest {

    private final ProxyCounters counters = new ProxyCounters();
    private final RecordingEvents events = new RecordingEvents();

    /** Client codec as the pool builds it: it stops parsing after a 2xx to CONNECT. */
    private EmbeddedChannel channel() {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpClientCodec(4096, 8192, 8192, false, false),
                new UpstreamHandler(counters));
        ((UpstreamHandler) channel.pipeline().last()).bind(events);
        return channel;
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    }

    @Test
    void responseIsDeliveredToTheBoundExchange() {
        EmbeddedChannel channel = channel();
        channel.writeOutbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/"));
        releaseOutbound(channel);

        channel.writeInbound(ascii("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok"));

        assertThat(events.log).containsExactly("head 200", "content last", "read-complete");
        assertThat(channel.isOpen()).isTrue();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void rawBytesAfterTheCodecStopsParsingAreAProtocolErrorAndCloseTheConnection() {
        EmbeddedChannel channel = channel();
        channel.writeOutbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.CONNECT, "example.com:443"));
        releaseOutbound(channel);

        channel.writeInbound(ascii("HTTP/1.1 200 Connection established\r\n\r\n"));
        channel.writeInbound(ascii("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok"));

        assertThat(events.log).as("events after the codec stopped parsing")
                .containsSubsequence("head 200", "content last", "protocol-error");
        assertThat(channel.isOpen()).as("a connection that carries raw bytes is never reused").isFalse();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void anythingReceivedWithoutAnExchangeClosesTheConnection() {
        EmbeddedChannel channel = channel();
        ((UpstreamHandler) channel.pipeline().last()).unbind(events);

        channel.writeInbound(ascii("HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n"));

        assertThat(events.log).isEmpty();
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    private static void releaseOutbound(EmbeddedChannel channel) {
        Object written;
        while ((written = channel.readOutbound()) != null) {
            io.netty.util.ReferenceCountUtil.release(written);
        }
    }

    /** Records what the handler reports and releases every chunk it is given. */
    private static final class RecordingEvents implements UpstreamEvents {

        final List<String> log = new ArrayList<>();

        @Override
        public void onResponseHead(HttpResponse response) {
            log.add("head " + response.status().code());
        }

        @Override
        public void onResponseContent(HttpContent content) {
            log.add(content instanceof LastHttpContent ? "content last" : "content");
            content.release();
        }

        @Override
        public void onUpstreamReadComplete() {
            log.add("read-complete");
        }

        @Override
        public void onUpstreamWritabilityChanged(boolean writable) {
            log.add("writable " + writable);
        }

        @Override
        public void onUpstreamClosed() {
            log.add("closed");
        }

        @Override
        public void onUpstreamProtocolError() {
            log.add("protocol-error");
        }
    }
}
