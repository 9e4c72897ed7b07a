package dev.loupe.index;

import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;

import java.io.IOException;

/**
 * Lucene's HNSW float format with a higher dimension limit: Lucene caps vectors at 1024 dimensions by default and
 * MobileNet's pooled feature has 1280 (CLIP ViT-L has 768, larger models more). Registered through SPI so that
 * indexes written with it can be read back.
 */
public final class LoupeHnswFormat extends KnnVectorsFormat {
    static final int MAX_DIMENSIONS = 4096;
    private final KnnVectorsFormat delegate = new Lucene99HnswVectorsFormat(16, 100);

    public LoupeHnswFormat() {
        super("LoupeHnsw");
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
        return MAX_DIMENSIONS;
    }
}
