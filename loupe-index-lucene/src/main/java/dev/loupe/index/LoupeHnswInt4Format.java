package dev.loupe.index;

import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;

/**
 * HNSW over int4 scalar-quantized vectors (two dimensions per byte, 8x less memory to search than floats; raw floats
 * stay on disk for exact re-scoring), M=16, beam 100 like the other formats. Measured by {@code loupe-bench search};
 * see docs/performance.md for its recall.
 */
public final class LoupeHnswInt4Format extends HighDimensionFormat {
    public LoupeHnswInt4Format() {
        super("LoupeHnswInt4", new Lucene99HnswScalarQuantizedVectorsFormat(16, 100, 1, 4, true, 0f, null));
    }
}
