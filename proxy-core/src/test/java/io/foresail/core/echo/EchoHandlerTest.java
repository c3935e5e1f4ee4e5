package io.foresail.core.echo;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import java.util.concurrent.TimeUnit;

class EchoHandlerTest {

    @Test
    void describesGetWithItsNameAndHeaders() {
        EmbeddedChannel channel = new EmbeddedChannel(new EchoHandler("echo-v1"));
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/hello?x=1");
        request.headers().set(HttpHeaderNames.HOST, "example.com").set("X-Trace", "abc");
        channel.writeInbound(request);

        FullHttpResponse response = channel.readOutbound();
        try {
            String body = response.content().toString(StandardCharsets.UTF_8);
            assertThat(response.headers().get("x-echo-server")).isEqualTo("echo-v1");
            assertThat(body).startsWith("echo-v1\nGET /hello?x=1 HTTP/1.1\n").contains("host: example.com\n", "x-trace: abc\n");
            assertThat(HttpUtil.getContentLength(response)).isEqualTo(response.content().readableBytes());
        } finally {
            response.release();
        }
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void streamsRequestBodyBackChunkByChunk() {
        EmbeddedChannel channel = new EmbeddedChannel(new EchoHandler("echo"));
        HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/upload");
        HttpUtil.setContentLength(head, 10);
        channel.writeInbound(head);
        channel.writeInbound(new DefaultHttpContent(Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII)));
        channel.writeInbound(new DefaultLastHttpContent(Unpooled.copiedBuffer("world", StandardCharsets.US_ASCII)));

        HttpResponse response = channel.readOutbound();
        assertThat(HttpUtil.getContentLength(response)).as("same framing as the request").isEqualTo(10);
        StringBuilder echoed = new StringBuilder();
        Object message;
        boolean sawLast = false;
        while ((message = channel.readOutbound()) != null) {
            HttpContent content = (HttpContent) message;
            echoed.append(content.content().toString(StandardCharsets.US_ASCII));
            sawLast |= content instanceof LastHttpContent;
            content.release();
        }
        assertThat(echoed).hasToString("helloworld");
        assertThat(sawLast).as("the last chunk ends the response").isTrue();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void sizeParameterReturnsThatManyBytes() {
        EmbeddedChannel channel = new EmbeddedChannel(new EchoHandler("echo"));
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/bytes?size=200000"));

        HttpResponse response = channel.readOutbound();
        assertThat(HttpUtil.getContentLength(response)).isEqualTo(200_000);
        long total = 0;
        Object message;
        while ((message = channel.readOutbound()) != null) {
            if (message instanceof HttpContent content) {
                ByteBuf buf = content.content();
                total += buf.readableBytes();
                content.release();
            }
        }
        assertThat(total).isEqualTo(200_000);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void statusParameterAnswersWithThatStatus() {
        EmbeddedChannel channel = new EmbeddedChannel(new EchoHandler("echo"));
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/flaky?status=503"));

        FullHttpResponse response = channel.readOutbound();
        assertThat(response.status().code()).as("?status=503 picks the status of the described answer").isEqualTo(503);
        assertThat(response.content().toString(StandardCharsets.UTF_8)).startsWith("echo\nGET /flaky?status=503 ");
        response.release();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void delayParameterHoldsTheAnswerForThatLong() {
        EmbeddedChannel channel = new EmbeddedChannel(new EchoHandler("echo"));
        channel.freezeTime();
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/slow?delay=1500"));

        channel.advanceTimeBy(1499, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat((Object) channel.readOutbound()).as("nothing before 1500 ms").isNull();
        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        FullHttpResponse response = channel.readOutbound();
        assertThat(response.status().code()).isEqualTo(200);
        response.release();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }
}
