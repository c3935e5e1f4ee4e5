package io.foresail.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import org.junit.jupiter.api.Test;

class MalformedRequestsTest {

    @Test
    void overlongRequestLineIs414() {
        assertThat(MalformedRequests.status(new TooLongHttpLineException("line"))).isEqualTo(HttpResponseStatus.REQUEST_URI_TOO_LONG);
    }

    @Test
    void oversizedHeadIs431() {
        assertThat(MalformedRequests.status(new TooLongHttpHeaderException("head")))
                .isEqualTo(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);
    }

    @Test
    void otherSizeLimitIs413() {
        assertThat(MalformedRequests.status(new TooLongFrameException("frame"))).isEqualTo(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
    }

    @Test
    void anythingElseIs400() {
        assertThat(MalformedRequests.status(new IllegalArgumentException("bad header"))).isEqualTo(HttpResponseStatus.BAD_REQUEST);
        assertThat(MalformedRequests.status(null)).as("missing Host").isEqualTo(HttpResponseStatus.BAD_REQUEST);
    }
}
