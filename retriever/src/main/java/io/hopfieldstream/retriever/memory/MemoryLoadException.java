package io.hopfieldstream.retriever.memory;

/**
 * The memory could not be read to its end at start: the cluster was unreachable, the memory topic
 * does not exist, or reading took longer than the load timeout.
 */
public final class MemoryLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean clusterUnreachable;

    MemoryLoadException(String message, Throwable cause) {
        this(message, cause, false);
    }

    MemoryLoadException(String message, Throwable cause, boolean clusterUnreachable) {
        super(message, cause);
        this.clusterUnreachable = clusterUnreachable;
    }

    /** Returns whether no broker responded, which usually means a wrong bootstrap address. */
    public boolean clusterUnreachable() {
        return clusterUnreachable;
    }
}
