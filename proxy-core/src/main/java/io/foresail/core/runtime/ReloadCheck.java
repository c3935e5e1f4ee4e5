package io.foresail.core.runtime;

import java.util.List;
import java.util.Objects;

/** What one {@link ConfigReloader#check()} did. */
public sealed interface ReloadCheck
        permits ReloadCheck.Settling, ReloadCheck.SameContent, ReloadCheck.Published, ReloadCheck.Rejected,
        ReloadCheck.Certificates {

    /** The config sources changed since the last tick: they are loaded once they stay so for one more tick. */
    record Settling() implements ReloadCheck {
    }

    /** The sources changed but compile to the content hash already served: nothing published. */
    record SameContent() implements ReloadCheck {
    }

    /** A changed config was loaded and published as {@code snapshot}. */
    record Published(ProxySnapshot snapshot) implements ReloadCheck {
        public Published {
            Objects.requireNonNull(snapshot, "snapshot");
        }
    }

    /** A changed config (or its certificates) could not be loaded: the previous snapshot keeps serving. */
    record Rejected(List<String> errors) implements ReloadCheck {
        public Rejected {
            errors = List.copyOf(errors);
        }
    }

    /** The config sources are unchanged; the certificate files were checked with this outcome. */
    record Certificates(CertificateCheck check) implements ReloadCheck {
        public Certificates {
            Objects.requireNonNull(check, "check");
        }
    }
}
