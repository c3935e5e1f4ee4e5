package io.foresail.core.admin;

import io.foresail.core.runtime.ReloadStatus;

/**
 * The admin {@code /reload_status}: the served config's version, content hash, load time and source
 * files, how long the reload that published it took ({@code duration_ms}, absent for the config loaded at
 * start), the errors of the last rejected config, and the Gateway ports the served config could not bind.
 */
final class ReloadStatusJson {

    private ReloadStatusJson() {
    }

    static String of(ReloadStatus status) {
        JsonText json = new JsonText().beginObject()
                .field("version", status.version())
                .field("content_hash", status.contentHash())
                .field("loaded_at", status.loadedAt().toString());
        status.reloadDuration().ifPresent(took -> json.field("duration_ms", took.toMillis()));
        json.name("sources").beginArray();
        status.sources().forEach(json::value);
        json.endArray();
        status.rejectedAt().ifPresent(at -> json.field("rejected_at", at.toString()));
        json.name("last_error").beginArray();
        status.lastError().forEach(json::value);
        json.endArray().name("listener_errors").beginArray();
        status.listenerErrors().forEach(json::value);
        return json.endArray().endObject().toString();
    }
}
