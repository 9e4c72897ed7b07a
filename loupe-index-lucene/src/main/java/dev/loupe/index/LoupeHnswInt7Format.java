package dev.loupe.index;

import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;

import java.io.IOException;

/**
 * HNSW over int7 scalar-quantized vectors (4x less memory to search; raw floats stay on disk for exact re-scoring)
 * with the raised dimension limit. Used for the large visual space.
 */
public final class LoupeHnswInt7Format extends KnnVectorsFormat {
    private final KnnVectorsFormat delegate = new Lucene99HnswScalarQuantizedVectorsFormat(16, 100);

    public LoupeHnswInt7Format() {
        super("LoupeHnswInt7");
    }

    @Override
    public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
        return delegate.fieldsWriter(state);
    }

    @Override
    public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
        return delegate.fieldsReader(state);
    }

    @Override
    public int getMaxDimensions(String fieldName) {
        return LoupeHnswFormat.MAX_DIMENSIONS;
    }
}
