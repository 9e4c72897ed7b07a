package dev.loupe.index;

import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;

/** HNSW over float vectors (M=16, beam 100) with the raised dimension limit. */
public final class LoupeHnswFormat extends HighDimensionFormat {
    public LoupeHnswFormat() {
        super("LoupeHnsw", new Lucene99HnswVectorsFormat(16, 100));
    }
}
