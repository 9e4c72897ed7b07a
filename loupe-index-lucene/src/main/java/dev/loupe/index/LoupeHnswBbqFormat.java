package dev.loupe.index;

import org.apache.lucene.codecs.lucene102.Lucene102HnswBinaryQuantizedVectorsFormat;

/**
 * HNSW over binary-quantized vectors (Lucene's BBQ: one bit per dimension plus corrections, 32x less memory to search
 * than floats; raw floats stay on disk for exact re-scoring), M=16, beam 100 like the other formats. Measured by
 * {@code loupe-bench search}; see docs/performance.md for its recall.
 */
public final class LoupeHnswBbqFormat extends HighDimensionFormat {
    public LoupeHnswBbqFormat() {
        super("LoupeHnswBbq", new Lucene102HnswBinaryQuantizedVectorsFormat(16, 100));
    }
}
