package dev.loupe.bench.data;

import dev.loupe.core.query.VectorMatrix;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code .fvecs} / {@code .ivecs} formats of the ANN benchmarks (TEXMEX, ann-benchmarks, FAISS's tools): each
 * row is a little-endian int32 dimension followed by that many little-endian float32 (or int32) values. Written by
 * hand because it is six lines of format and every peer library (numpy, FAISS) reads it directly.
 */
public final class Fvecs {
    private Fvecs() {
    }

    /** Streams rows into a file; {@link #close()} flushes. */
    public static final class Writer implements Closeable {
        private final Path file;
        private final OutputStream out;
        private ByteBuffer buffer = ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
        private int dimension = -1;
        private int rows;

        public Writer(Path file) throws IOException {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.file = file;
            this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
        }

        public void add(float[] row) throws IOException {
            begin(row.length);
            for (float f : row) {
                buffer.putFloat(f);
            }
            out.write(buffer.array(), 0, buffer.position());
            rows++;
        }

        public void add(int[] row) throws IOException {
            begin(row.length);
            for (int v : row) {
                buffer.putInt(v);
            }
            out.write(buffer.array(), 0, buffer.position());
            rows++;
        }

        private void begin(int length) {
            if (dimension >= 0 && length != dimension) {
                throw new IllegalArgumentException(file + ": row " + rows + " has " + length + " values, earlier rows "
                        + dimension);
            }
            dimension = length;
            if (buffer.capacity() < 4 + 4 * length) {
                buffer = ByteBuffer.allocate(4 + 4 * length).order(ByteOrder.LITTLE_ENDIAN);
            }
            buffer.clear();
            buffer.putInt(length);
        }

        public int rows() {
            return rows;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** Writes all rows of {@code rows} to {@code file}. */
    public static void write(Path file, List<float[]> rows) {
        try (Writer w = new Writer(file)) {
            for (float[] r : rows) {
                w.add(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes all rows of {@code rows} to {@code file} as {@code .ivecs}. */
    public static void writeInts(Path file, List<int[]> rows) {
        try (Writer w = new Writer(file)) {
            for (int[] r : rows) {
                w.add(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the first {@code limit} rows (all when {@code limit} is negative) into a matrix. */
    public static VectorMatrix readMatrix(Path file, int limit) {
        VectorMatrix.Builder[] builder = {null};
        forEach(file, limit, row -> {
            if (builder[0] == null) {
                builder[0] = VectorMatrix.builder(row.length);
            }
            builder[0].add(row);
        });
        if (builder[0] == null) {
            throw new IllegalArgumentException(file + " holds no vectors; run 'loupe-bench vectors' again");
        }
        return builder[0].build();
    }

    /** Reads every row of an {@code .fvecs} file. */
    public static List<float[]> read(Path file) {
        List<float[]> rows = new ArrayList<>();
        forEach(file, -1, rows::add);
        return rows;
    }

    /** Reads every row of an {@code .ivecs} file. */
    public static List<int[]> readInts(Path file) {
        List<int[]> rows = new ArrayList<>();
        try (DataInputStream in = open(file)) {
            byte[] head = new byte[4];
            while (in.read(head, 0, 1) == 1) {
                in.readFully(head, 1, 3);
                int d = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt();
                byte[] body = new byte[4 * d];
                in.readFully(body);
                int[] row = new int[d];
                ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(row);
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return rows;
    }

    /** Visits the first {@code limit} rows (all when negative) of an {@code .fvecs} file. */
    public static void forEach(Path file, int limit, java.util.function.Consumer<float[]> visitor) {
        forEach(file, 0, limit, visitor);
    }

    /**
     * Visits {@code limit} rows (all when negative) from row {@code skip} on. Rows of one file have one dimension,
     * so the start is found by a seek, not by reading the rows before it.
     */
    public static void forEach(Path file, int skip, int limit, java.util.function.Consumer<float[]> visitor) {
        try (DataInputStream in = open(file)) {
            byte[] head = new byte[4];
            int n = 0;
            if (skip > 0) {
                in.mark(4);
                in.readFully(head);
                int d = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt();
                in.reset();
                in.skipNBytes((long) skip * (4L + 4L * d));
            }
            while ((limit < 0 || n < limit) && in.read(head, 0, 1) == 1) {
                in.readFully(head, 1, 3);
                int d = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt();
                if (d <= 0 || d > 65_536) {
                    throw new IOException("row " + n + " claims " + d + " dimensions; not an .fvecs file?");
                }
                byte[] body = new byte[4 * d];
                in.readFully(body);
                float[] row = new float[d];
                ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(row);
                visitor.accept(row);
                n++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such file; produce the bench's vectors with 'loupe-bench vectors' first");
        }
        InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 20);
        return new DataInputStream(in);
    }
}
