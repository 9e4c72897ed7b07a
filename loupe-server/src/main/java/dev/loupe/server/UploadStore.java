package dev.loupe.server;

import dev.loupe.core.ImageVectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Query images uploaded through {@code POST /api/images}: kept (bytes in a private temporary folder, vectors and
 * thumbnail in memory) for a limited time and up to a limited number, never indexed. Ids are random
 * ({@code u} + 32 hex digits), so one client cannot guess another's uploads. Thread-safe.
 */
final class UploadStore implements AutoCloseable {
    private static final Pattern ID = Pattern.compile("u[0-9a-f]{32}");

    /**
     * One upload. {@code file} holds the bytes as uploaded; {@code sha256} (hex) finds indexed copies of the same
     * file.
     */
    record Upload(String id, Path file, String contentType, long size, String sha256, int width, int height,
                  ImageVectors vectors, byte[] thumbnail, Instant expires) {
    }

    private final Path dir;
    private final int maxCount;
    private final Duration ttl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final LinkedHashMap<String, Upload> uploads = new LinkedHashMap<>();

    UploadStore(int maxCount, Duration ttl, Clock clock) {
        this.maxCount = maxCount;
        this.ttl = ttl;
        this.clock = clock;
        try {
            this.dir = Files.createTempDirectory("loupe-uploads-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for uploads: " + e.getMessage(), e);
        }
    }

    static boolean looksLikeId(String s) {
        return s != null && ID.matcher(s).matches();
    }

    /** Stores an upload, evicting expired ones and then the oldest beyond the cap. */
    synchronized Upload put(byte[] bytes, String contentType, int width, int height, ImageVectors vectors,
                            byte[] thumbnail) {
        expire();
        while (uploads.size() >= maxCount) {
            remove(uploads.keySet().iterator().next());
        }
        byte[] r = new byte[16];
        random.nextBytes(r);
        String id = "u" + HexFormat.of().formatHex(r);
        Path file = dir.resolve(id + extension(contentType));
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the upload in " + dir + ": " + e.getMessage(), e);
        }
        Upload u = new Upload(id, file, contentType, bytes.length, sha256(bytes), width, height, vectors, thumbnail,
                clock.instant().plus(ttl));
        uploads.put(id, u);
        return u;
    }

    synchronized Optional<Upload> get(String id) {
        expire();
        return Optional.ofNullable(uploads.get(id));
    }

    synchronized int size() {
        expire();
        return uploads.size();
    }

    Duration ttl() {
        return ttl;
    }

    private void expire() {
        Instant now = clock.instant();
        Iterator<Map.Entry<String, Upload>> it = uploads.entrySet().iterator();
        while (it.hasNext()) {
            Upload u = it.next().getValue();
            if (!u.expires().isAfter(now)) {
                it.remove();
                deleteQuietly(u.file());
            }
        }
    }

    private void remove(String id) {
        Upload u = uploads.remove(id);
        if (u != null) {
            deleteQuietly(u.file());
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String extension(String contentType) {
        return switch (contentType) {
            case "image/jpeg" -> ".jpg";
            case "image/png" -> ".png";
            case "image/gif" -> ".gif";
            case "image/bmp" -> ".bmp";
            case "image/tiff" -> ".tif";
            case "image/webp" -> ".webp";
            default -> ".img";
        };
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a temp file that cannot be removed now goes with the folder at close
        }
    }

    @Override
    public synchronized void close() {
        uploads.values().forEach(u -> deleteQuietly(u.file()));
        uploads.clear();
        try (var files = Files.list(dir)) {
            files.forEach(UploadStore::deleteQuietly);
        } catch (IOException e) {
            // nothing more to do
        }
        deleteQuietly(dir);
    }
}
