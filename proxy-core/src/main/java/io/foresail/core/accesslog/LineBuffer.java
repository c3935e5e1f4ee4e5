package io.foresail.core.accesslog;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;

/**
 * The bytes of access-log lines being written, grown as needed and reused line after line by the
 * one writer thread. Values come in two kinds:
 *
 * <ul>
 *   <li><b>received</b> values (request line and header values, addresses): what the HTTP decoder
 *       made of the bytes on the wire, one {@code char} per byte, written back as those bytes, as
 *       Envoy writes them;
 *   <li><b>text</b> values (route and cluster names from the configuration): Java strings, written
 *       as UTF-8.
 * </ul>
 *
 * <p>In a text line a value is written as it is, except control characters (below {@code 0x20},
 * and {@code DEL}), which are written as {@code \xHH} so that a line stays one line; a quote is
 * not escaped, as Envoy does not escape it. In a JSON line a value is a JSON string: quote,
 * backslash and control characters escaped; a received value whose bytes are not UTF-8 has its
 * bytes from {@code 0x80} written as <code>&#92;u00HH</code>, so the line is always valid UTF-8.
 */
final class LineBuffer {

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private byte[] bytes;
    private int length;

    LineBuffer(int initialCapacity) {
        bytes = new byte[Math.max(64, initialCapacity)];
    }

    int length() {
        return length;
    }

    void clear() {
        length = 0;
    }

    /** Drops what was appended after {@code mark} (a {@link #length()} taken before). */
    void truncate(int mark) {
        length = mark;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
    }

    // ---- plain appends ------------------------------------------------------------------------

    LineBuffer ascii(char c) {
        ensure(1);
        bytes[length++] = (byte) c;
        return this;
    }

    /** {@code value}, known to be ASCII without control characters (a constant of this package). */
    LineBuffer ascii(String value) {
        int count = value.length();
        ensure(count);
        for (int i = 0; i < count; i++) {
            bytes[length++] = (byte) value.charAt(i);
        }
        return this;
    }

    LineBuffer decimal(long value) {
        if (value == Long.MIN_VALUE) {
            return ascii(Long.toString(value));
        }
        if (value < 0) {
            ascii('-');
            value = -value;
        }
        int digits = 1;
        for (long rest = value / 10; rest != 0; rest /= 10) {
            digits++;
        }
        ensure(digits);
        int end = length + digits;
        for (int at = end - 1; at >= length; at--) {
            bytes[at] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length = end;
        return this;
    }

    /** Envoy's {@code %START_TIME%}: {@code 2026-12-06T21:47:18.123Z}, UTC with milliseconds. */
    LineBuffer isoInstant(long epochMillis) {
        long epochSecond = Math.floorDiv(epochMillis, 1000);
        int millis = Math.floorMod(epochMillis, 1000);
        long epochDay = Math.floorDiv(epochSecond, 86_400);
        int secondOfDay = Math.floorMod(epochSecond, 86_400);
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        ensure(24);
        digits(date.getYear(), 4).ascii('-').digits(date.getMonthValue(), 2).ascii('-').digits(date.getDayOfMonth(), 2)
                .ascii('T').digits(secondOfDay / 3600, 2).ascii(':').digits(secondOfDay / 60 % 60, 2).ascii(':')
                .digits(secondOfDay % 60, 2).ascii('.').digits(millis, 3).ascii('Z');
        return this;
    }

    private LineBuffer digits(int value, int width) {
        ensure(width);
        for (int at = length + width - 1; at >= length; at--) {
            bytes[at] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += width;
        return this;
    }

    // ---- text lines ---------------------------------------------------------------------------

    /** A received value in a text line, {@code -} when absent. */
    LineBuffer textReceived(String value) {
        if (value == null) {
            return ascii('-');
        }
        int count = value.length();
        ensure(count);
        for (int i = 0; i < count; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                hexEscape(c);
            } else if (c <= 0xff) {
                ensure(1);
                bytes[length++] = (byte) c;
            } else {
                // not from a decoder, but written as text rather than cut to a byte
                utf8(value, i, i + 1);
            }
        }
        return this;
    }

    /** A configuration value in a text line, {@code -} when absent or empty (Envoy's unset). */
    LineBuffer textConfigured(String value) {
        if (value == null || value.isEmpty()) {
            return ascii('-');
        }
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                utf8(value, start, i);
                hexEscape(c);
                start = i + 1;
            }
        }
        utf8(value, start, value.length());
        return this;
    }

    private void hexEscape(char c) {
        ensure(4);
        bytes[length++] = '\\';
        bytes[length++] = 'x';
        bytes[length++] = HEX[(c >> 4) & 0xf];
        bytes[length++] = HEX[c & 0xf];
    }

    // ---- JSON lines ---------------------------------------------------------------------------

    /** {@code "key":}, for a key of this package. */
    LineBuffer jsonKey(String key) {
        return ascii('"').ascii(key).ascii('"').ascii(':');
    }

    LineBuffer jsonNull() {
        ensure(NULL.length);
        System.arraycopy(NULL, 0, bytes, length, NULL.length);
        length += NULL.length;
        return this;
    }

    /** A received value as a JSON string, {@code null} when absent. */
    LineBuffer jsonReceived(String value) {
        if (value == null) {
            return jsonNull();
        }
        boolean utf8 = isUtf8(value);
        ascii('"');
        int count = value.length();
        for (int i = 0; i < count; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                jsonAscii(c);
            } else if (c <= 0xff) {
                if (utf8) {
                    ensure(1);
                    bytes[length++] = (byte) c;
                } else {
                    unicodeEscape(c);
                }
            } else {
                utf8(value, i, i + 1);
            }
        }
        return ascii('"');
    }

    /** A configuration value as a JSON string, {@code null} when absent or empty (Envoy's unset). */
    LineBuffer jsonConfigured(String value) {
        if (value == null || value.isEmpty()) {
            return jsonNull();
        }
        ascii('"');
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                utf8(value, start, i);
                jsonAscii(c);
                start = i + 1;
            }
        }
        utf8(value, start, value.length());
        return ascii('"');
    }

    private void jsonAscii(char c) {
        switch (c) {
            case '"' -> ascii('\\').ascii('"');
            case '\\' -> ascii('\\').ascii('\\');
            case '\n' -> ascii('\\').ascii('n');
            case '\r' -> ascii('\\').ascii('r');
            case '\t' -> ascii('\\').ascii('t');
            case '\b' -> ascii('\\').ascii('b');
            case '\f' -> ascii('\\').ascii('f');
            default -> {
                if (c < 0x20) {
                    unicodeEscape(c);
                } else {
                    ascii(c);
                }
            }
        }
    }

    private void unicodeEscape(char c) {
        ensure(6);
        bytes[length++] = '\\';
        bytes[length++] = 'u';
        bytes[length++] = HEX[(c >> 12) & 0xf];
        bytes[length++] = HEX[(c >> 8) & 0xf];
        bytes[length++] = HEX[(c >> 4) & 0xf];
        bytes[length++] = HEX[c & 0xf];
    }

    /** Whether the chars of a received value, taken as bytes, are well-formed UTF-8 (RFC 3629). */
    static boolean isUtf8(String value) {
        int count = value.length();
        int i = 0;
        while (i < count) {
            char lead = value.charAt(i);
            if (lead < 0x80) {
                i++;
                continue;
            }
            int continuation;
            int min;
            if (lead >= 0xc2 && lead <= 0xdf) {
                continuation = 1;
                min = 0x80;
            } else if (lead >= 0xe0 && lead <= 0xef) {
                continuation = 2;
                min = 0x800;
            } else if (lead >= 0xf0 && lead <= 0xf4) {
                continuation = 3;
                min = 0x10000;
            } else {
                return false;
            }
            if (i + continuation >= count) {
                return false;
            }
            int code = lead & (0x3f >> continuation);
            for (int k = 1; k <= continuation; k++) {
                char next = value.charAt(i + k);
                if (next < 0x80 || next > 0xbf) {
                    return false;
                }
                code = (code << 6) | (next & 0x3f);
            }
            if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
                return false;
            }
            i += continuation + 1;
        }
        return true;
    }

    /** The chars {@code [from, to)} of {@code value} as UTF-8; a lone surrogate is written as {@code ?}. */
    private void utf8(String value, int from, int to) {
        ensure((to - from) * 3);
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                bytes[length++] = (byte) c;
            } else if (c < 0x800) {
                bytes[length++] = (byte) (0xc0 | (c >> 6));
                bytes[length++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(value.charAt(i + 1))) {
                int code = Character.toCodePoint(c, value.charAt(++i));
                bytes[length++] = (byte) (0xf0 | (code >> 18));
                bytes[length++] = (byte) (0x80 | ((code >> 12) & 0x3f));
                bytes[length++] = (byte) (0x80 | ((code >> 6) & 0x3f));
                bytes[length++] = (byte) (0x80 | (code & 0x3f));
            } else if (Character.isSurrogate(c)) {
                bytes[length++] = '?';
            } else {
                bytes[length++] = (byte) (0xe0 | (c >> 12));
                bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                bytes[length++] = (byte) (0x80 | (c & 0x3f));
            }
        }
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
