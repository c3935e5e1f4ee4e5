package io.foresail.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.core.testing.Closer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code config-samples/bookinfo} started as its comments say, answering as they say: Istio's
 * Bookinfo gateway on port 8080, and the reviews canary by the end-user header.
 */
class BookinfoSampleIT {

    private static final int PORT = 8080;
    private static final String REVIEWS = "reviews.default.svc.cluster.local";

    @RegisterExtension
    final Closer closer = new Closer();

    @TempDir
    Path dir;

    private RunningSample sample;

    @BeforeEach
    void start() throws Exception {
        sample = closer.register(RunningSample.start("bookinfo", dir));
    }

    @Test
    void productPagePathsReachProductpage() throws Exception {
        for (String path : List.of("/productpage", "/static/tailwind/tailwind.css", "/login", "/logout",
                "/api/v1/products/0/reviews")) {
            assertThat(sample.answer(PORT, "localhost", path)).as(path).isEqualTo("productpage");
        }
    }

    @Test
    void otherPathsGet404() throws Exception {
        assertThat(sample.answer(PORT, "localhost", "/productpagex")).as("exact /productpage only").isEqualTo("404");
        assertThat(sample.answer(PORT, "localhost", "/")).isEqualTo("404");
    }

    @Test
    void jasonReachesReviewsV2() throws Exception {
        assertThat(sample.answer(PORT, REVIEWS, "/reviews/0", "end-user", "jason")).isEqualTo("reviews-v2");
        assertThat(sample.answer(PORT, REVIEWS, "/reviews/0", "End-User", "jason")).as("header names are case-insensitive")
                .isEqualTo("reviews-v2");
    }

    @Test
    void everyoneElseReachesReviewsV1() throws Exception {
        assertThat(sample.answer(PORT, REVIEWS, "/reviews/0")).isEqualTo("reviews-v1");
        assertThat(sample.answer(PORT, REVIEWS, "/reviews/0", "end-user", "alice")).isEqualTo("reviews-v1");
        assertThat(sample.answer(PORT, REVIEWS, "/reviews/0", "end-user", "Jason")).as("header values match exactly")
                .isEqualTo("reviews-v1");
    }
}
