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
 * @param minBodyBytesPerSecond the slowest a request body may arrive; a client that trickles bytes to keep a
 *                              connection alive is cut off with 408
 */
public record ServerLimits(int connections, int connectionsPerClient, int uploads, int uploadsPerClient,
                           Duration ioTimeout, int minBodyBytesPerSecond) {

    /**
     * Defaults for a personal server: 2,048 connections (512 per address — more than a browser ever opens, far
     * below the file-descriptor limit), 8 uploads at once (2 per address; the page sends one at a time), 10 s
     * without progress, bodies at 4 KB/s at least (a 25 MB upload may take 100 minutes).
     */
    public static final ServerLimits DEFAULTS = new ServerLimits(2048, 512, 8, 2, Duration.ofSeconds(10), 4096);

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
