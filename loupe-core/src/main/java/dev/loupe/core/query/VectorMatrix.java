package dev.loupe.core.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * All candidate vectors of one space in memory, row after row in a few large float arrays ("chunks" of at most
 * {@value #DEFAULT_CHUNK_FLOATS} floats each, so a scan streams through contiguous memory and the size is not bound
 * by the largest Java array), plus each row's squared norm. Row {@code i} is the candidate with ordinal {@code i};
 * the caller keeps the mapping from ordinals to image ids. Immutable once built.
 */
public final class VectorMatrix implements VectorStore {

    /** Floats per chunk: 16 MiB, about 10,900 rows of 384 dimensions. */
    public static final int DEFAULT_CHUNK_FLOATS = 1 << 22;

    private final int dimension;
    private final int size;
    private final int rowsPerChunk;
    private final float[][] chunks;
    private final float[] squaredNorms;
    private final DotKernel kernel;

    private VectorMatrix(int dimension, int size, int rowsPerChunk, float[][] chunks, float[] squaredNorms) {
        this.dimension = dimension;
        this.size = size;
        this.rowsPerChunk = rowsPerChunk;
        this.chunks = chunks;
        this.squaredNorms = squaredNorms;
        this.kernel = DotKernel.best();
    }

    /** A builder for rows of {@code dimension} floats. */
    public static Builder builder(int dimension) {
        return new Builder(dimension, Math.max(1, DEFAULT_CHUNK_FLOATS / dimension));
    }

    /** The matrix of these rows, in order. */
    public static VectorMatrix of(List<float[]> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no vectors: give at least one row");
        }
        Builder b = builder(rows.get(0).length);
        rows.forEach(b::add);
        return b.build();
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** A copy of row {@code ordinal}. */
    public float[] row(int ordinal) {
        checkOrdinal(ordinal);
        int off = (ordinal % rowsPerChunk) * dimension;
        return Arrays.copyOfRange(chunks[ordinal / rowsPerChunk], off, off + dimension);
    }

    /** |row|². */
    public float squaredNorm(int ordinal) {
        checkOrdinal(ordinal);
        return squaredNorms[ordinal];
    }

    @Override
    public float score(ResolvedQuery query, int ordinal) {
        checkOrdinal(ordinal);
        if (query.dimension() != dimension) {
            throw new IllegalArgumentException("query has " + query.dimension() + " dimensions, the vectors have "
                    + dimension);
        }
        float[] chunk = chunks[ordinal / rowsPerChunk];
        int off = (ordinal % rowsPerChunk) * dimension;
        float[] p = query.primary();
        float[] s = query.secondary();
        if (s == null) {
            return query.score(kernel.dot(chunk, off, p, 0, dimension), 0f, squaredNorms[ordinal]);
        }
        float[] out = new float[2];
        kernel.dot2(chunk, off, p, s, dimension, out);
        return query.score(out[0], out[1], squaredNorms[ordinal]);
    }

    /** The in-memory bytes of the vectors and norms. */
    public long bytes() {
        long floats = (long) size + Arrays.stream(chunks).mapToLong(c -> c.length).sum();
        return floats * Float.BYTES;
    }

    int rowsPerChunk() {
        return rowsPerChunk;
    }

    int chunkCount() {
        return chunks.length;
    }

    /** Chunk {@code c}: rows c·rowsPerChunk … , each {@code dimension} floats. Not a copy: do not modify. */
    float[] chunk(int c) {
        return chunks[c];
    }

    /** The squared norms of all rows, indexed by ordinal. Not a copy: do not modify. */
    float[] squaredNorms() {
        return squaredNorms;
    }

    private void checkOrdinal(int ordinal) {
        if (ordinal < 0 || ordinal >= size) {
            throw new IndexOutOfBoundsException("ordinal " + ordinal + " outside 0.." + (size - 1));
        }
    }

    /**
     * Collects rows; checks each for the dimension and for zero or non-finite values. Memory grows with the rows
     * added (the last chunk doubles, from {@value #FIRST_ROWS} rows), so a builder for a few rows stays small. Not
     * thread-safe.
     */
    public static final class Builder {
        /** Rows of the first allocation (of the norms and of each chunk before it doubles). */
        static final int FIRST_ROWS = 256;

        private final int dimension;
        private final int rowsPerChunk;
        private final List<float[]> chunks = new ArrayList<>();
        private float[] norms = new float[FIRST_ROWS];
        /** The last chunk, which grows by doubling up to {@code rowsPerChunk} rows. */
        private float[] last;
        private int size;

        Builder(int dimension, int rowsPerChunk) {
            if (dimension <= 0) {
                throw new IllegalArgumentException("dimension must be positive, got " + dimension);
            }
            if (rowsPerChunk <= 0 || (long) rowsPerChunk * dimension > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("bad rows per chunk " + rowsPerChunk + " for dimension " + dimension);
            }
            this.dimension = dimension;
            this.rowsPerChunk = rowsPerChunk;
        }

        /** Appends a row and returns its ordinal. */
        public int add(float[] row) {
            if (row.length != dimension) {
                throw new IllegalArgumentException("row " + size + " has " + row.length + " dimensions, expected "
                        + dimension);
            }
            double n = 0;
            for (float v : row) {
                n += (double) v * v;
            }
            if (!(n > 0) || !Double.isFinite(n)) {
                throw new IllegalArgumentException("row " + size + " is zero-length or has non-finite values;"
                        + " re-encode that image");
            }
            int inChunk = size % rowsPerChunk;
            if (inChunk == 0) {
                last = new float[Math.min(rowsPerChunk, FIRST_ROWS) * dimension];
                chunks.add(last);
            } else if (inChunk * dimension == last.length) {
                // a small scan (a 1 % filter) must not allocate and zero a whole chunk: grow the last one by doubling
                last = Arrays.copyOf(last, Math.min(rowsPerChunk, 2 * inChunk) * dimension);
                chunks.set(chunks.size() - 1, last);
            }
            System.arraycopy(row, 0, last, inChunk * dimension, dimension);
            if (size == norms.length) {
                norms = Arrays.copyOf(norms, Math.min(Integer.MAX_VALUE - 16, norms.length * 2));
            }
            norms[size] = (float) n;
            return size++;
        }

        public int size() {
            return size;
        }

        /** Floats held for rows so far (all chunks and the norms). */
        long allocatedFloats() {
            return chunks.stream().mapToLong(c -> c.length).sum() + norms.length;
        }

        /** The matrix; the last chunk is trimmed to the rows it holds. The builder must not be used afterwards. */
        public VectorMatrix build() {
            if (size == 0) {
                throw new IllegalArgumentException("no vectors were added");
            }
            float[][] cs = chunks.toArray(new float[0][]);
            int lastRows = size - (cs.length - 1) * rowsPerChunk;
            if (cs[cs.length - 1].length != lastRows * dimension) {
                cs[cs.length - 1] = Arrays.copyOf(cs[cs.length - 1], lastRows * dimension);
            }
            return new VectorMatrix(dimension, size, rowsPerChunk, cs, Arrays.copyOf(norms, size));
        }
    }
}
