package io.foresail.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.config.table.Percentage;
import io.foresail.core.upstream.TicketSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each mirror is given: its own head, duplicates of the body chunks, and the percentage draw. */
class RequestMirrorsTest {

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    @Test
    void duplicateSharesTheBytesUnderItsOwnReaderIndex() {
        HttpContent chunk = new DefaultHttpContent(bytes("hello"));

        HttpContent duplicate = RequestMirrors.duplicate(chunk);
        duplicate.content().skipBytes(2);

        assertThat(duplicate).isNotInstanceOf(LastHttpContent.class);
        assertThat(chunk.content().readerIndex()).as("the primary's reader index").isZero();
        assertThat(duplicate.content().toString(StandardCharsets.US_ASCII)).isEqualTo("llo");
        assertThat(chunk.refCnt()).as("retained by the duplicate: one release each").isEqualTo(2);
        assertThat(duplicate.release()).isFalse();
        assertThat(chunk.release()).isTrue();
    }

    @Test
    void duplicateOfALastChunkKeepsItsTrailers() {
        LastHttpContent last = new DefaultLastHttpContent(bytes("end"));
        last.trailingHeaders().set("x-checksum", "abc");

        HttpContent duplicate = RequestMirrors.duplicate(last);

        assertThat(duplicate).isInstanceOf(LastHttpContent.class);
        assertThat(((LastHttpContent) duplicate).trailingHeaders().get("x-checksum")).isEqualTo("abc");
        assertThat(duplicate.release()).isFalse();
        assertThat(last.release()).isTrue();
    }

    @Test
    void duplicateOfAFullRequestIsALastChunkWithoutAHead() {
        FullHttpRequest full = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/", bytes("body"));

        HttpContent duplicate = RequestMirrors.duplicate(full);

        assertThat(duplicate).as("a head written again would start a second request on the mirror's connection")
                .isInstanceOf(LastHttpContent.class).isNotInstanceOf(HttpRequest.class);
        assertThat(duplicate.content().toString(StandardCharsets.US_ASCII)).isEqualTo("body");
        assertThat(duplicate.release()).isFalse();
        assertThat(full.release()).isTrue();
    }

    @Test
    void duplicateOfTheEmptyLastChunkIsTheSharedInstance() {
        assertThat(RequestMirrors.duplicate(LastHttpContent.EMPTY_LAST_CONTENT)).isSameAs(LastHttpContent.EMPTY_LAST_CONTENT);
    }

    @Test
    void copyOfAHeadIsIndependentOfTheOriginal() {
        HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT, "/items/1?x=y");
        head.headers().set("host", "shop.example").set("x-request-id", "id-1");

        HttpRequest copy = RequestMirrors.copyOf(head);
        copy.headers().set("x-request-id", "changed");
        copy.setUri("/elsewhere");

        assertThat(copy).isNotSameAs(head);
        assertThat(copy.method()).isEqualTo(HttpMethod.PUT);
        assertThat(copy.headers().get("host")).isEqualTo("shop.example");
        assertThat(head.uri()).isEqualTo("/items/1?x=y");
        assertThat(head.headers().get("x-request-id")).as("the primary's head after the mirror's changed").isEqualTo("id-1");
    }

    @Test
    void fractionalPercentageDrawsOneTicketInPartsPerMillion() {
        List<Integer> bounds = new ArrayList<>();
        TicketSource below = bound -> {
            bounds.add(bound);
            return 249_999;
        };
        TicketSource at = bound -> 250_000;

        assertThat(below.draws(Percentage.ofPercent(25))).isTrue();
        assertThat(at.draws(Percentage.ofPercent(25))).isFalse();
        assertThat(bounds).containsExactly(Percentage.SCALE);
    }

    @Test
    void zeroAndHundredPercentDrawNoTicket() {
        TicketSource none = bound -> {
            throw new AssertionError("no draw expected for 0% or 100%");
        };

        assertThat(none.draws(Percentage.NEVER)).isFalse();
        assertThat(none.draws(Percentage.ALWAYS)).isTrue();
    }
}
