package io.foresail.core.server;

import java.util.Locale;

/**
 * Which I/O transport the event loops use ({@code --transport}). {@link #AUTO} takes the fastest
 * one that works on this machine: io_uring, then epoll, then NIO (a container whose seccomp
 * profile blocks io_uring, as Docker's default does, gets epoll).
 */
public enum TransportKind {
    AUTO("auto"), IO_URING("io_uring"), EPOLL("epoll"), NIO("nio");

    private final String flag;

    TransportKind(String flag) {
        this.flag = flag;
    }

    /** The name used on the command line and in the ready line. */
    public String flag() {
        return flag;
    }

    /** @throws IllegalArgumentException for a name that is none of {@code auto}, {@code io_uring}, {@code epoll}, {@code nio} */
    public static TransportKind fromFlag(String value) {
        String name = value.trim().toLowerCase(Locale.ROOT);
        for (TransportKind kind : values()) {
            if (kind.flag.equals(name) || (kind == IO_URING && name.equals("iouring"))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("transport: " + value + " (expected: auto, io_uring, epoll or nio)");
    }
}
