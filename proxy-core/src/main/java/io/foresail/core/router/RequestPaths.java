package io.foresail.core.router;

import io.foresail.core.http.ResponseFlag;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Request path normalisation as an Istio gateway's Envoy does it before routing: Istio sets
 * {@code normalize_path: true}, {@code merge_slashes: false} and
 * {@code path_with_escaped_slashes_action: KEEP_UNCHANGED} (mesh setting {@code BASE}). Envoy's
 * {@code PathUtil::canonicalPath} ({@code source/common/http/path_utility.cc},
 * {@code PathTransformer::rfcNormalize}) cuts the query off at the first {@code ?}, runs the rest
 * through Chromium's {@code url::CanonicalizePath} ({@code url/url_canon_path.cc}; Envoy's older
 * copy is {@code source/common/chromium_url/url_canon_path.cc}) and puts the query back unchanged.
 * Routes are then matched on the result and the upstream receives it. Written from what those
 * sources and Envoy's {@code test/common/http/path_utility_test.cc} do; the rules, in order of the
 * questions they answer:
 *
 * <ul>
 *   <li><b>Dot segments</b> (RFC 3986 §5.2.4): a {@code .} segment is dropped; a {@code ..}
 *       segment drops itself and the segment before it; at the root it drops only itself, so
 *       {@code /../a} is {@code /a} and {@code /a/b/../../../../c} is {@code /c} (never an error).
 *       A trailing {@code .} or {@code ..} keeps the slash before it: {@code /a/b/..} is
 *       {@code /a/}. {@code ..x}, {@code x.}, {@code .well-known} are ordinary segments.
 *   <li><b>{@code %2e} / {@code %2E}</b> is a dot wherever a literal dot would be one
 *       ({@code /a/b/%2e%2E/c} is {@code /a/c}, as is {@code /a/b/%2E./c}); anywhere else it is
 *       decoded to {@code .} like any unreserved character.
 *   <li><b>Backslash</b> is a slash (Chromium's {@code IsURLSlash}): it is written as {@code /}
 *       and ends a dot segment ({@code /a/..\c} is {@code /c}; Istio's normalisation guide:
 *       {@code \da} is {@code /da}). An escaped backslash {@code %5C} stays as it is.
 *   <li><b>{@code %xx} of an unreserved character</b> (RFC 3986 §2.3: letters, digits,
 *       {@code - . _ ~}) is decoded: {@code /%61b} is {@code /ab}. Every other valid escape is
 *       kept byte for byte, including {@code %2F} (escaped slashes kept) and {@code %25}.
 *   <li><b>Hex case</b>: kept escapes keep their case ({@code %2f} stays {@code %2f}, Envoy's
 *       test {@code /a/%2F%2f/c}); escapes written here are upper-case, as Chromium's.
 *   <li><b>Characters that must be escaped</b> (Chromium's path table: controls, space,
 *       {@code " # < > ? ^ ` { | }}, DEL and every non-ASCII byte) are written as {@code %XX}.
 *       Netty's decoder gives one char per request-line byte, so a raw byte {@code 0xE9} becomes
 *       {@code %E9}; a char above {@code 0xFF} is escaped as its UTF-8 bytes.
 *   <li><b>A {@code %} not followed by two hex digits</b> is kept. When decoding a later escape
 *       would turn it into a valid escape ({@code %%30%30} would read {@code %00}), it is written
 *       {@code %25} instead (Chromium's {@code CheckForNestedEscapes}), so the output never
 *       decodes to something the input did not say.
 *   <li><b>Rejected</b>: a NUL, raw or as {@code %00} (Envoy's test {@code InvalidPaths}:
 *       {@code /xyz/.%00../abc}, {@code /xyz/AAAAA%%0000/abc}). Envoy answers 400 with an empty
 *       body, response code details {@code path_normalization_failed} and <em>no</em> response
 *       flag ({@code ConnectionManagerImpl::ActiveStream::decodeHeaders}); see {@link #REJECTED}.
 *   <li><b>Not origin-form</b> (no leading {@code /}): returned unchanged. Envoy answers such a
 *       {@code :path} with 404 {@code absolute_path} before it normalises anything (Chromium alone
 *       would prepend a {@code /}); here {@code http.RequestHeadChecks} already refuses every such
 *       target but {@code OPTIONS *}, which is routed as it is.
 *   <li><b>{@code //}</b> stays: no slash merging ({@code merge_slashes: false}; Chromium does not
 *       collapse slashes either).
 * </ul>
 *
 * <p>The common path (no {@code %}, no backslash, no dot segment, nothing to escape) costs one
 * scan and comes back as the same {@code String}; a path that needs work is rebuilt from its
 * first segment that needs it.
 */
public final class RequestPaths {

    /**
     * Envoy's answer to a path it cannot normalise: 400, empty body, no response flag (Envoy
     * records only the response code details {@code path_normalization_failed}).
     */
    public static final RouteDecision.LocalReply REJECTED =
            new RouteDecision.LocalReply(HttpResponseStatus.BAD_REQUEST, ResponseFlag.NONE, "");

    /** Kept as is, raw or escaped: sub-delimiters, {@code : @ / [ ]}. */
    private static final byte KEEP = 0;
    /** Unreserved: kept raw, decoded when escaped. */
    private static final byte UNRESERVED = 1;
    /** Must not appear raw: written as {@code %XX}. */
    private static final byte ESCAPE = 2;
    /** Needs its own handling: {@code %}, {@code .}, {@code \}, NUL. */
    private static final byte SPECIAL = 3;

    /** The kind of each char below 0x100; chars above are escaped. */
    private static final byte[] KINDS = kinds();

    private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();

    /** What a lone surrogate is written as: U+FFFD, as a UTF-8 encoder would. */
    private static final int REPLACEMENT = 0xFFFD;

    private RequestPaths() {
    }

    /**
     * The normalised form of {@code path} (origin-form, without query), or {@code null} when Envoy
     * would reject the request with {@link #REJECTED}. A path that is already normal is returned
     * as the same instance, without allocating.
     */
    public static String normalise(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return path;
        }
        int restart = firstSegmentToRewrite(path);
        if (restart < 0) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length() + 8);
        out.append(path, 0, restart);
        if (!rewrite(path, restart, out)) {
            return null;
        }
        return path.contentEquals(out) ? path : out.toString();
    }

    /**
     * The origin-form of {@code target} (origin- or absolute-form) with its path replaced by
     * {@code path}: whatever followed the path ({@code ?query}, {@code #fragment}) is kept as
     * received. {@code http://h/a/../b?q} with {@code /b} gives {@code /b?q}.
     */
    public static String withPath(String target, String path) {
        // Neither the scheme nor the authority of an absolute-form target may contain ? or #,
        // so the first of them starts the query or fragment in both forms. The fragment is
        // dropped, as Envoy strips it before routing and forwarding.
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '#') {
                return path;
            }
            if (c == '?') {
                int fragment = target.indexOf('#', i + 1);
                return path + (fragment < 0 ? target.substring(i) : target.substring(i, fragment));
            }
        }
        return path;
    }

    /**
     * Index of the first segment that normalising could change (just after its leading slash),
     * or -1 when the whole path is already normal. Everything before that index is copied as is:
     * it has no {@code %}, no backslash, no dot segment and nothing to escape.
     */
    private static int firstSegmentToRewrite(String path) {
        int length = path.length();
        int segmentStart = 1;
        for (int i = 1; i < length; i++) {
            char c = path.charAt(i);
            if (c == '/') {
                segmentStart = i + 1;
            } else if (c == '.') {
                if (i == segmentStart && isDotSegment(path, i)) {
                    return segmentStart;
                }
            } else if (c >= KINDS.length || KINDS[c] >= ESCAPE) {
                return segmentStart;
            }
        }
        return -1;
    }

    /** Whether the literal dot at {@code i}, at the start of a segment, begins {@code .} or {@code ..}. */
    private static boolean isDotSegment(String path, int i) {
        int next = i + 1;
        if (next == path.length() || path.charAt(next) == '/') {
            return true;
        }
        int afterSecond = next + 1;
        return path.charAt(next) == '.' && (afterSecond == path.length() || path.charAt(afterSecond) == '/');
    }

    /**
     * Appends the normal form of {@code path} from {@code start} to {@code out}, which holds the
     * normal form of everything before {@code start} and ends with a slash. False when the path
     * must be rejected.
     */
    private static boolean rewrite(String path, int start, StringBuilder out) {
        int length = path.length();
        int strayPercent = -1; // index in out of a '%' that did not start a valid escape
        int i = start;
        while (i < length) {
            int dot = dotLength(path, i);
            if (dot > 0) {
                int next = out.charAt(out.length() - 1) == '/' ? afterDotSegment(path, i, dot, out) : -1;
                if (next >= 0) {
                    if (strayPercent >= out.length()) {
                        strayPercent = -1;
                    }
                    i = next;
                } else {
                    out.append('.');
                    i += dot;
                }
                continue;
            }
            char c = path.charAt(i);
            if (c == '\\') {
                out.append('/');
                i++;
            } else if (c == '%') {
                int value = escapedValue(path, i);
                if (value < 0) {
                    strayPercent = out.length();
                    out.append('%');
                    i++;
                    continue;
                }
                if (value == 0) {
                    return false;
                }
                if (KINDS[value] == UNRESERVED) {
                    out.append((char) value);
                    if (strayPercent >= 0 && strayPercent + 3 >= out.length()) {
                        escapeStrayPercent(path, i + 3, strayPercent, out);
                    }
                } else {
                    out.append(path, i, i + 3);
                }
                i += 3;
            } else if (c == 0) {
                return false;
            } else if (c >= KINDS.length) {
                int codePoint = path.codePointAt(i);
                i += Character.charCount(codePoint);
                appendEscapedUtf8(Character.isSurrogate((char) codePoint) ? REPLACEMENT : codePoint, out);
            } else if (KINDS[c] == ESCAPE) {
                appendEscaped(c, out);
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return true;
    }

    /**
     * For a dot of {@code dot} chars at {@code i} that starts a segment: when it begins a
     * {@code .} or {@code ..} segment, applies it to {@code out} and returns the index after the
     * segment and its slash; otherwise returns -1 and leaves {@code out} alone.
     */
    private static int afterDotSegment(String path, int i, int dot, StringBuilder out) {
        int length = path.length();
        int after = i + dot;
        if (after == length) {
            return after;
        }
        if (isSlash(path.charAt(after))) {
            return after + 1;
        }
        int second = dotLength(path, after);
        if (second == 0) {
            return -1;
        }
        int afterSecond = after + second;
        if (afterSecond == length || isSlash(path.charAt(afterSecond))) {
            removeLastSegment(out);
            return afterSecond == length ? afterSecond : afterSecond + 1;
        }
        return -1;
    }

    /** {@code out} ends with a slash: cut it back to the slash before, but never above the root. */
    private static void removeLastSegment(StringBuilder out) {
        int slash = out.length() - 1;
        if (slash == 0) {
            return;
        }
        int previous = slash - 1;
        while (out.charAt(previous) != '/') {
            previous--;
        }
        out.setLength(previous + 1);
    }

    /**
     * Just after decoding an escape whose value is now the last char of {@code out}, with a stray
     * {@code %} one or two chars before it: when that {@code %} and the two chars after it (the
     * second may still be the next input char, at {@code next}) read as a valid escape, the
     * {@code %} is written {@code %25}, so decoding the output again cannot produce a new escape.
     */
    private static void escapeStrayPercent(String path, int next, int strayPercent, StringBuilder out) {
        char first = out.charAt(strayPercent + 1);
        char second = strayPercent + 2 < out.length()
                ? out.charAt(strayPercent + 2)
                : (next < path.length() ? path.charAt(next) : 0);
        if (hexValue(first) >= 0 && hexValue(second) >= 0) {
            out.insert(strayPercent + 1, "25");
        }
    }

    /** 1 for {@code .}, 3 for {@code %2e} or {@code %2E}, 0 for anything else. */
    private static int dotLength(String path, int i) {
        char c = path.charAt(i);
        if (c == '.') {
            return 1;
        }
        if (c == '%' && i + 2 < path.length() && path.charAt(i + 1) == '2'
                && (path.charAt(i + 2) == 'e' || path.charAt(i + 2) == 'E')) {
            return 3;
        }
        return 0;
    }

    private static boolean isSlash(char c) {
        return c == '/' || c == '\\';
    }

    /** The byte escaped by {@code %XY} at {@code i}, or -1 when no two hex digits follow. */
    private static int escapedValue(String path, int i) {
        if (i + 2 >= path.length()) {
            return -1;
        }
        int high = hexValue(path.charAt(i + 1));
        int low = hexValue(path.charAt(i + 2));
        return high < 0 || low < 0 ? -1 : high << 4 | low;
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    private static void appendEscaped(int value, StringBuilder out) {
        out.append('%').append(HEX_DIGITS[value >> 4]).append(HEX_DIGITS[value & 0xF]);
    }

    /** The UTF-8 bytes of {@code codePoint} (above 0xFF), each as {@code %XX}. */
    private static void appendEscapedUtf8(int codePoint, StringBuilder out) {
        if (codePoint < 0x800) {
            appendEscaped(0xC0 | codePoint >> 6, out);
        } else if (codePoint < 0x10000) {
            appendEscaped(0xE0 | codePoint >> 12, out);
            appendEscaped(0x80 | (codePoint >> 6 & 0x3F), out);
        } else {
            appendEscaped(0xF0 | codePoint >> 18, out);
            appendEscaped(0x80 | (codePoint >> 12 & 0x3F), out);
            appendEscaped(0x80 | (codePoint >> 6 & 0x3F), out);
        }
        appendEscaped(0x80 | (codePoint & 0x3F), out);
    }

    private static byte[] kinds() {
        byte[] kinds = new byte[0x100];
        for (int c = 0; c < kinds.length; c++) {
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '~';
            if (unreserved) {
                kinds[c] = UNRESERVED;
            } else if (c <= ' ' || c >= 0x7F || "\"#<>?^`{|}".indexOf(c) >= 0) {
                kinds[c] = ESCAPE;
            } else {
                kinds[c] = KEEP;
            }
        }
        kinds[0] = SPECIAL;
        kinds['%'] = SPECIAL;
        kinds['.'] = SPECIAL;
        kinds['\\'] = SPECIAL;
        return kinds;
    }
}
