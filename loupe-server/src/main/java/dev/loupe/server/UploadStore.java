package dev.loupe.server;

import dev.loupe.core.ImageVectors;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
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
 * ({@code u} + 32 hex digits), so one client cannot guess another's uploads. A body is streamed into the folder as
 * it arrives ({@link #incoming()}), never held in memory. The folder holds a file naming the server's process, so
 * that the next server removes the folders of servers that died without cleaning up ({@link StaleUploads}).
 * Thread-safe.
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
        this(Path.of(System.getProperty("java.io.tmpdir")), maxCount, ttl, clock);
    }

    /** Keeps uploads in a new private folder under {@code parent}, after removing stale ones there. */
    UploadStore(Path parent, int maxCount, Duration ttl, Clock clock) {
        this.maxCount = maxCount;
        this.ttl = ttl;
        this.clock = clock;
        StaleUploads.sweep(parent);
        try {
            this.dir = Files.createTempDirectory(parent, StaleUploads.PREFIX);
            StaleUploads.mark(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for uploads in " + parent + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * A body being received: bytes written to {@link #out()} go to a file in the upload folder and are hashed on
     * the way. Closing it removes the file unless {@link #put} took it.
     */
    final class Incoming implements AutoCloseable {
        private final Path file;
        private final MessageDigest digest;
        private final OutputStream out;
        private boolean taken;

        private Incoming(Path file) throws IOException {
            this.file = file;
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            this.out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 64 * 1024), digest);
        }

        OutputStream out() {
            return out;
        }

        /** The bytes received, once the body is complete (it finishes the file). */
        byte[] bytes() throws IOException {
            out.close();
            return Files.readAllBytes(file);
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                // the file goes anyway
            }
            if (!taken) {
                deleteQuietly(file);
            }
        }
    }

    /** Starts receiving a body into the upload folder. */
    Incoming incoming() {
        byte[] r = new byte[8];
        random.nextBytes(r);
        try {
            return new Incoming(dir.resolve("incoming-" + HexFormat.of().formatHex(r)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the upload in " + dir + ": " + e.getMessage(), e);
        }
    }

    static boolean looksLikeId(String s) {
        return s != null && ID.matcher(s).matches();
    }

    /** Stores a received upload (its file is kept), evicting expired ones and then the oldest beyond the cap. */
    synchronized Upload put(Incoming received, String contentType, int width, int height, ImageVectors vectors,
                            byte[] thumbnail) {
        expire();
        while (uploads.size() >= maxCount) {
            remove(uploads.keySet().iterator().next());
        }
        byte[] r = new byte[16];
        random.nextBytes(r);
        String id = "u" + HexFormat.of().formatHex(r);
        Path file = dir.resolve(id + extension(contentType));
        long size;
        try {
            received.out.close();
            Files.move(received.file, file, StandardCopyOption.ATOMIC_MOVE);
            received.taken = true;
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the upload in " + dir + ": " + e.getMessage(), e);
        }
        Upload u = new Upload(id, file, contentType, size, HexFormat.of().formatHex(received.digest.digest()), width,
                height, vectors, thumbnail, clock.instant().plus(ttl));
        uploads.put(id, u);
        return u;
    }

    /** Stores an upload held in memory (tests). */
    Upload put(byte[] bytes, String contentType, int width, int height, ImageVectors vectors, byte[] thumbnail) {
        try (Incoming in = incoming()) {
            in.out().write(bytes);
            return put(in, contentType, width, height, vectors, thumbnail);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    Path dir() {
        return dir;
    }

    static void deleteQuietly(Path p) {
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
