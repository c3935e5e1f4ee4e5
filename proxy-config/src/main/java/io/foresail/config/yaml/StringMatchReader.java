package io.foresail.config.yaml;

import io.foresail.config.model.StringMatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds a {@code StringMatch}: a oneof, so writing more than one of {@code exact}, {@code prefix},
 * {@code regex} is an error (as protobuf JSON parsing rejects it).
 */
final class StringMatchReader {

    private StringMatchReader() {
    }

    static StringMatch read(MappingReader match) {
        List<StringMatch> written = new ArrayList<>();
        if (match.has("exact")) {
            written.add(new StringMatch.Exact(match.string("exact")));
        }
        if (match.has("prefix")) {
            written.add(new StringMatch.Prefix(match.string("prefix")));
        }
        if (match.has("regex")) {
            written.add(new StringMatch.Regex(match.string("regex")));
        }
        match.skip("exact");
        match.skip("prefix");
        match.skip("regex");
        if (written.size() > 1) {
            match.session().error(match.node(), match.path(),
                    "more than one of exact, prefix, regex (expected: at most one)");
        }
        return written.isEmpty() ? new StringMatch.Unset() : written.get(0);
    }
}
