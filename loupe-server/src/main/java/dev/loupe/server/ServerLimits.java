package dev.loupe.server;

import java.time.Duration;

/**
 * How much of the server one client may hold, so that a single process (even one on this machine) cannot exhaust
 * its memory or threads.
 *
 * @param connections           open connections in all; beyond it the server stops accepting until some close
 * @param connectionsPerClient  open connections from one address; beyond it new ones are closed at once
 * @param uploads               uploads being received at once in all; beyond it {@code POST /api/images} answers
 *                              503 at once, without reading the body
 * @param uploadsPerClient      uploads being received at once from one address (503 beyond it)
 * @param ioTimeout             how long a read or write of a request's body or answer may wait without progress;
 *                              short, so that a client that stops sending soon lets go of what it holds (idle
 *                              keep-alive connections keep Jetty's longer timeout)
 * @param minBodyBytesPerSecond the slowest a request body may arrive (0: no such check). Jetty measures it from the
 *                              body's first byte to each read, so a small body read a few milliseconds late (a loaded
 *                              machine) fails it: 25 bytes read 100 ms after arrival are "250 B/s". Off by default;
 *                              uploads are bounded by count instead and stalled bodies by {@code ioTimeout}
 */
public record ServerLimits(int connections, int connectionsPerClient, int uploads, int uploadsPerClient,
                           Duration ioTimeout, int minBodyBytesPerSecond) {

    /**
     * Defaults for a personal server: 2,048 connections (512 per address — more than a browser ever opens, far
     * below the file-descriptor limit), 8 uploads at once (2 per address; the page sends one at a time), 10 s
     * without progress, no body-rate check: Jetty's check refused a 25-byte search body with 408 at load 28 (seen in
     * ConcurrencyTest), and trickling uploads are already bounded by the upload slots.
     */
    public static final ServerLimits DEFAULTS = new ServerLimits(2048, 512, 8, 2, Duration.ofSeconds(10), 0);

    public ServerLimits {
        if (connections < 1 || connectionsPerClient < 1 || connectionsPerClient > connections) {
            throw new IllegalArgumentException("connection limits must be >= 1 and the per-client one at most the "
                    + "total, got " + connectionsPerClient + " of " + connections);
        }
        if (uploads < 1 || uploadsPerClient < 1 || uploadsPerClient > uploads) {
            throw new IllegalArgumentException("upload limits must be >= 1 and the per-client one at most the total, "
                    + "got " + uploadsPerClient + " of " + uploads);
        }
        if (ioTimeout.isNegative() || ioTimeout.isZero()) {
            throw new IllegalArgumentException("ioTimeout must be positive, got " + ioTimeout);
        }
        if (minBodyBytesPerSecond < 0) {
            throw new IllegalArgumentException("minBodyBytesPerSecond must be >= 0, got " + minBodyBytesPerSecond);
        }
    }
}
