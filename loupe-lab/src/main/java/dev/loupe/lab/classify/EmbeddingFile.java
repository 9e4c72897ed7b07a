package dev.loupe.lab.classify;

import dev.loupe.core.ImageVectors;
import dev.loupe.core.Space;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cache of image embeddings on disk, so an evaluation embeds its images once: a small text header naming what
 * the rows are (dataset, model fingerprint, spaces), then one row of little-endian float32 per image holding its
 * vectors space after space. Rows are appended as they are computed; a run that is killed resumes after the last
 * complete row.
 */
public final class EmbeddingFile {
    private static final String MAGIC = "LOUPEEMB1";

    private final Path file;
    private final List<Space> spaces;
    private final int expected;
    private final long headerBytes;
    private final int rowFloats;

    private EmbeddingFile(Path file, List<Space> spaces, int expected, long headerBytes) {
        this.file = file;
        this.spaces = List.copyOf(spaces);
        this.expected = expected;
        this.headerBytes = headerBytes;
        this.rowFloats = spaces.stream().mapToInt(Space::dimension).sum();
    }

    /**
     * Opens (creating if needed) the cache for {@code key} (what was embedded, with which model) and
     * {@code expected} images. A file with another key is refused rather than mixed up.
     */
    public static EmbeddingFile open(Path file, String key, List<Space> spaces, int expected) {
        StringBuilder h = new StringBuilder(MAGIC).append('\n').append(key.replace('\n', ' ')).append('\n')
                .append(expected).append('\n');
        spaces.forEach(s -> h.append(s.name()).append(':').append(s.dimension()).append(' '));
        h.append('\n');
        byte[] header = h.toString().getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (Files.exists(file)) {
                byte[] head = new byte[header.length];
                try (var in = Files.newInputStream(file)) {
                    if (in.readNBytes(head, 0, head.length) != head.length || !java.util.Arrays.equals(head, header)) {
                        throw new IllegalStateException("embedding cache " + file + " holds something else than "
                                + key + "; delete it or pass another cache folder");
                    }
                }
            } else {
                Files.write(file, header);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open embedding cache " + file + ": " + e.getMessage(), e);
        }
        return new EmbeddingFile(file, spaces, expected, header.length);
    }

    /** How many images are cached (complete rows). */
    public int done() {
        try {
            return (int) Math.min(expected, (Files.size(file) - headerBytes) / (4L * rowFloats));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean complete() {
        return done() == expected;
    }

    /** Appends the vectors of the next images (after dropping a partial row a killed run may have left). */
    public void append(List<ImageVectors> vectors) {
        ByteBuffer buf = ByteBuffer.allocate(vectors.size() * rowFloats * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (ImageVectors v : vectors) {
            for (Space s : spaces) {
                for (float f : s.check(v.get(s.name()))) {
                    buf.putFloat(f);
                }
            }
        }
        buf.flip();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(headerBytes + (long) done() * rowFloats * 4);
            ch.position(ch.size());
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write embedding cache " + file + ": " + e.getMessage(), e);
        }
    }

    /** The cached vectors of the first {@code limit} images (or fewer if fewer are cached), by space name. */
    public Map<String, float[][]> read(int limit) {
        int n = Math.min(limit, done());
        Map<String, float[][]> out = new LinkedHashMap<>();
        spaces.forEach(s -> out.put(s.name(), new float[n][s.dimension()]));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.position(headerBytes);
            ByteBuffer buf = ByteBuffer.allocate(rowFloats * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                buf.clear();
                while (buf.hasRemaining()) {
                    if (ch.read(buf) < 0) {
                        throw new IllegalStateException("embedding cache " + file + " ended early");
                    }
                }
                buf.flip();
                for (Space s : spaces) {
                    buf.asFloatBuffer().get(out.get(s.name())[i]);
                    buf.position(buf.position() + 4 * s.dimension());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read embedding cache " + file + ": " + e.getMessage(), e);
        }
        return out;
    }
}
