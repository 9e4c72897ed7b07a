package dev.loupe.index;

import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;

/**
 * HNSW over int7 scalar-quantized vectors (4x less memory to search; raw floats stay on disk for exact re-scoring)
 * with the raised dimension limit. Used for the large visual space.
 */
public final class LoupeHnswInt7Format extends HighDimensionFormat {
    public LoupeHnswInt7Format() {
        super("LoupeHnswInt7", new Lucene99HnswScalarQuantizedVectorsFormat(16, 100));
    }
}
