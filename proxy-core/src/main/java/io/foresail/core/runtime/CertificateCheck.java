package io.foresail.core.runtime;

import io.foresail.tls.context.TlsProblem;
import java.util.List;
import java.util.Objects;

/** What one {@link CertificateReloader#check()} did. */
public sealed interface CertificateCheck
        permits CertificateCheck.Unchanged, CertificateCheck.Published, CertificateCheck.Rejected {

    /** No referenced file changed since the last check (or since the current table was published): nothing done. */
    record Unchanged() implements CertificateCheck {
    }

    /** A file changed and the rebuilt contexts were published as {@code snapshot}. */
    record Published(ProxySnapshot snapshot) implements CertificateCheck {
        public Published {
            Objects.requireNonNull(snapshot, "snapshot");
        }
    }

    /** A file changed but the contexts could not be rebuilt: the previous snapshot keeps serving. */
    record Rejected(List<TlsProblem> errors) implements CertificateCheck {
        public Rejected {
            errors = List.copyOf(errors);
        }
    }
}
