package dev.loupe.server;

import java.util.HashMap;
import java.util.Map;

/**
 * Bounds the uploads being received at once, in all and per client address. A request that finds no free slot is
 * answered 503 at once, before its body is read, so slow uploads can neither pile up threads nor memory.
 * Thread-safe.
 */
final class UploadSlots {
    private final int total;
    private final int perClient;
    private final Map<String, Integer> held = new HashMap<>(); // guarded by this
    private int inUse; // guarded by this

    UploadSlots(int total, int perClient) {
        this.total = total;
        this.perClient = perClient;
    }

    /** A held slot; closing it frees it. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /** Takes a slot for {@code client}, or fails with 503 when it or the server already has as many as allowed. */
    synchronized Slot acquire(String client) {
        int mine = held.getOrDefault(client, 0);
        if (mine >= perClient) {
            throw busy("this client is already sending " + mine + " uploads; wait for them to finish");
        }
        if (inUse >= total) {
            throw busy("the server is receiving " + inUse + " uploads already; try again in a moment");
        }
        held.put(client, mine + 1);
        inUse++;
        return new Slot() {
            private boolean closed;

            @Override
            public void close() {
                synchronized (UploadSlots.this) {
                    if (!closed) {
                        closed = true;
                        inUse--;
                        held.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
                    }
                }
            }
        };
    }

    synchronized int inUse() {
        return inUse;
    }

    private static ApiException busy(String message) {
        return new ApiException(503, message);
    }
}
