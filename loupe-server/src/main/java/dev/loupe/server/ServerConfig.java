package dev.loupe.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How {@code loupe serve} listens and what it accepts.
 *
 * @param bind           address to listen on; {@code 127.0.0.1} by default. Any address that is not a loopback
 *                       address requires {@code token}
 * @param port           TCP port; 0 picks a free one (tests)
 * @param token          the shared secret clients must send (header {@code Authorization: Bearer T} or the
 *                       cookie the page gets from {@code /?token=T}); null for none (loopback only)
 * @param roots          folders whose images may be indexed and served; empty means "any folder an index run is
 *                       started on" (see {@link ServedFiles})
 * @param maxUploadBytes largest accepted upload
 * @param maxUploads     how many uploads are kept at once (the oldest go first)
 * @param uploadTtl      how long an upload is kept
 * @param maxK           the largest {@code k} a search may ask for
 * @param readOnly       open the index for reading only: searches see the last commit of whatever process writes
 *                       it, and index runs from the API are refused
 * @param limits         how many connections and uploads one client may hold, and how slow it may be
 */
public record ServerConfig(String bind, int port, String token, List<Path> roots, long maxUploadBytes,
                           int maxUploads, Duration uploadTtl, int maxK, boolean readOnly, ServerLimits limits) {

    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 25L << 20;
    public static final int DEFAULT_MAX_UPLOADS = 64;
    public static final Duration DEFAULT_UPLOAD_TTL = Duration.ofHours(1);
    public static final int DEFAULT_MAX_K = 1000;
    /** Shorter tokens are refused: they could be guessed. */
    static final int MIN_TOKEN_LENGTH = 8;

    public ServerConfig {
        Objects.requireNonNull(bind, "bind");
        roots = roots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        Objects.requireNonNull(uploadTtl, "uploadTtl");
        Objects.requireNonNull(limits, "limits");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
        }
        if (token != null && token.strip().length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("--token (or LOUPE_TOKEN) must be at least " + MIN_TOKEN_LENGTH
                    + " characters; use a long random string");
        }
        if (token == null && !isLoopback(bind)) {
            throw new IllegalArgumentException("--bind " + bind + " listens beyond this machine: set a token with "
                    + "--token T or the LOUPE_TOKEN environment variable (or keep the default --bind 127.0.0.1)");
        }
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException("--max-upload-mb must be positive");
        }
        if (maxUploads < 1) {
            throw new IllegalArgumentException("maxUploads must be >= 1, got " + maxUploads);
        }
        if (maxK < 1 || maxK > 10_000) {
            throw new IllegalArgumentException("maxK must be between 1 and 10000, got " + maxK);
        }
    }

    /** With the default {@link ServerLimits}. */
    public ServerConfig(String bind, int port, String token, List<Path> roots, long maxUploadBytes, int maxUploads,
                        Duration uploadTtl, int maxK, boolean readOnly) {
        this(bind, port, token, roots, maxUploadBytes, maxUploads, uploadTtl, maxK, readOnly, ServerLimits.DEFAULTS);
    }

    /** Loopback, default limits, no token, no configured roots, writable index. */
    public static ServerConfig local(int port) {
        return new ServerConfig(DEFAULT_BIND, port, null, List.of(), DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_MAX_UPLOADS,
                DEFAULT_UPLOAD_TTL, DEFAULT_MAX_K, false);
    }

    public ServerConfig withToken(String t) {
        return new ServerConfig(bind, port, t, roots, maxUploadBytes, maxUploads, uploadTtl, maxK, readOnly, limits);
    }

    public ServerConfig withRoots(List<Path> r) {
        return new ServerConfig(bind, port, token, r, maxUploadBytes, maxUploads, uploadTtl, maxK, readOnly, limits);
    }

    public ServerConfig withUploads(long maxBytes, int maxCount, Duration ttl) {
        return new ServerConfig(bind, port, token, roots, maxBytes, maxCount, ttl, maxK, readOnly, limits);
    }

    public ServerConfig withReadOnly(boolean ro) {
        return new ServerConfig(bind, port, token, roots, maxUploadBytes, maxUploads, uploadTtl, maxK, ro, limits);
    }

    public ServerConfig withLimits(ServerLimits l) {
        return new ServerConfig(bind, port, token, roots, maxUploadBytes, maxUploads, uploadTtl, maxK, readOnly, l);
    }

    /** True when {@code bind} names only this machine (127.0.0.0/8, ::1, localhost). */
    public static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind " + bind + " is not an address of this machine: "
                    + e.getMessage(), e);
        }
    }
}
