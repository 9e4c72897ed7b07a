package dev.loupe.bench.engine;

import dev.loupe.bench.data.Fvecs;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.ModelInfo;
import dev.loupe.core.Space;
import dev.loupe.core.WritableImageIndex;
import dev.loupe.index.LuceneBackend;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fills a product index (Loupe's Lucene index, as {@code loupe index} writes it) with drawn images: one record per
 * row of the vector files, in {@value #FOLDERS} folders so that one folder is a 1 % filter. Only decoding and
 * encoding are skipped; the documents, fields, HNSW graphs and commits are the product's.
 */
final class EngineIndex {
    static final int FOLDERS = 100;
    static final String ROOT = "/bench/photos/";

    private EngineIndex() {
    }

    /** The path of drawn image {@code i}. */
    static String path(int i) {
        return String.format(Locale.ROOT, "%sf%02d/img-%07d.jpg", ROOT, i % FOLDERS, i);
    }

    /** The folder filter that 1 % of the images pass. */
    static String folder(int f) {
        return String.format(Locale.ROOT, "%sf%02d/", ROOT, f);
    }

    /**
     * Writes the first {@code size} rows of {@code semantic} and {@code visual} into a new index at {@code dir} for
     * {@code model}, committing every 50,000 images.
     *
     * @return the wall-clock seconds it took
     */
    static double build(Path dir, ModelInfo model, Path semantic, Path visual, int size, PrintWriter log) {
        return build(dir, model, semantic, visual, size, v -> Map.of(), log);
    }

    /**
     * As {@link #build(Path, ModelInfo, Path, Path, int, PrintWriter)}, each image with the model labels
     * {@code labels} gives its semantic vector.
     */
    static double build(Path dir, ModelInfo model, Path semantic, Path visual, int size,
                        java.util.function.Function<float[], Map<String, Float>> labels, PrintWriter log) {
        long t0 = System.nanoTime();
        try (WritableImageIndex index = new LuceneBackend(dir).openForWriting(model, true);
             Rows sem = new Rows(semantic, size);
             Rows vis = new Rows(visual, size)) {
            for (int i = 0; i < size; i++) {
                if (!sem.hasNext() || !vis.hasNext()) {
                    throw new IllegalArgumentException(semantic + " or " + visual + " holds fewer than " + size
                            + " vectors; draw more with 'loupe-bench vectors --synth N'");
                }
                String path = path(i);
                long mtime = 1_600_000_000_000L + i * 60_000L;
                ImageRecord r = new ImageRecord(dev.loupe.core.ImageIds.forPath(path), path, 200_000 + i % 50_000,
                        mtime, String.format(Locale.ROOT, "%064x", i), 640, 480, -1);
                float[] v = sem.next();
                index.upsert(r, new ImageVectors(Map.of(Space.SEMANTIC, v, Space.VISUAL, vis.next()), labels.apply(v)));
                if ((i + 1) % 50_000 == 0) {
                    index.commit();
                    log.printf(Locale.ROOT, "engine index: %,d/%,d images (%.0f s)%n", i + 1, size,
                            (System.nanoTime() - t0) / 1e9);
                    log.flush();
                }
            }
            index.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the bench index " + dir + ": " + e.getMessage(), e);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Streams rows of an .fvecs file without holding them all (a million 1280-d rows are 5 GB). */
    private static final class Rows implements Iterator<float[]>, AutoCloseable {
        private final List<float[]> buffer = new java.util.ArrayList<>();
        private final Path file;
        private final int limit;
        private int read;
        private int next;

        Rows(Path file, int limit) {
            this.file = file;
            this.limit = limit;
        }

        @Override
        public boolean hasNext() {
            if (next < buffer.size()) {
                return true;
            }
            if (read >= limit) {
                return false;
            }
            buffer.clear();
            next = 0;
            int want = Math.min(10_000, limit - read);
            Fvecs.forEach(file, read, want, buffer::add);
            read += buffer.size();
            return !buffer.isEmpty();
        }

        @Override
        public float[] next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return buffer.get(next++);
        }

        @Override
        public void close() {
        }
    }
}
