package io.foresail.core.admin;

/** A minimal streaming JSON writer for admin answers (no reflection, no dependency). */
public final class JsonText {

    private final StringBuilder out = new StringBuilder(1024);
    private boolean needComma;

    public JsonText beginObject() {
        separate();
        out.append('{');
        needComma = false;
        return this;
    }

    public JsonText endObject() {
        out.append('}');
        needComma = true;
        return this;
    }

    public JsonText beginArray() {
        separate();
        out.append('[');
        needComma = false;
        return this;
    }

    public JsonText endArray() {
        out.append(']');
        needComma = true;
        return this;
    }

    public JsonText name(String name) {
        separate();
        quote(name);
        out.append(':');
        needComma = false;
        return this;
    }

    public JsonText value(String value) {
        separate();
        quote(value);
        needComma = true;
        return this;
    }

    public JsonText value(long value) {
        separate();
        out.append(value);
        needComma = true;
        return this;
    }

    public JsonText value(boolean value) {
        separate();
        out.append(value);
        needComma = true;
        return this;
    }

    public JsonText field(String name, String value) {
        return name(name).value(value);
    }

    public JsonText field(String name, long value) {
        return name(name).value(value);
    }

    private void separate() {
        if (needComma) {
            out.append(',');
        }
        needComma = false;
    }

    private void quote(String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.append('\n').toString();
    }
}
