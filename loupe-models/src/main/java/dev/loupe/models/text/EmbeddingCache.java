package dev.loupe.models.text;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Supplier;

/**
 * Caches matrices of text embeddings (class prompts, tag words) on disk, keyed by what produced them, so that
 * start-up does not re-embed a thousand prompts. Files are written atomically; an unreadable file (torn, foreign,
 * or another user's) is recomputed, and a cache that cannot be written (a read-only or foreign LOUPE_HOME) is only
 * a slower start: one warning, never a failure.
 */
public final class EmbeddingCache {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EmbeddingCache.class);
    private static final int MAGIC = 0x4c4f5545; // "LOUE"
    private final Path dir;

    public EmbeddingCache(Path dir) {
        this.dir = dir;
    }

    public float[][] get(String key, int expectedRows, Supplier<float[][]> compute) {
        Path file = dir.resolve("emb-" + key + ".bin");
        float[][] cached = read(file, expectedRows);
        if (cached != null) {
            return cached;
        }
        float[][] value = compute.get();
        write(file, value);
        return value;
    }

    private static float[][] read(Path file, int expectedRows) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) {
                return null;
            }
            int rows = in.readInt();
            int dim = in.readInt();
            if (rows != expectedRows || dim <= 0) {
                return null;
            }
            float[][] m = new float[rows][dim];
            for (float[] row : m) {
                for (int d = 0; d < dim; d++) {
                    row[d] = in.readFloat();
                }
            }
            return m;
        } catch (IOException e) {
            return null; // a torn or foreign file: recompute
        }
    }

    private void write(Path file, float[][] m) {
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "emb-", ".part");
            try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.writeInt(MAGIC);
                out.writeInt(m.length);
                out.writeInt(m[0].length);
                for (float[] row : m) {
                    for (float v : row) {
                        out.writeFloat(v);
                    }
                }
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            LOG.warn("cannot keep text embeddings in {} ({}); they are computed again on each start — make that "
                    + "folder writable for this user, or point LOUPE_HOME at one of your own", dir, e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        }
    }
}
