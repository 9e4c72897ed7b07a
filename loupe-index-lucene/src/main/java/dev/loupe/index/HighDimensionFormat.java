package dev.loupe.index;

import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;

import java.io.IOException;

/**
 * A Lucene vector format with a higher dimension limit than Lucene's default of 1024 (MobileNet's pooled feature
 * has 1280 dimensions, larger CLIP models more). Subclasses are registered through SPI under their own names so
 * that indexes written with them can be read back.
 */
abstract class HighDimensionFormat extends KnnVectorsFormat {
    static final int MAX_DIMENSIONS = 4096;
    private final KnnVectorsFormat delegate;

    HighDimensionFormat(String name, KnnVectorsFormat delegate) {
        super(name);
        this.delegate = delegate;
    }

    @Override
    public final KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
        return delegate.fieldsWriter(state);
    }

    @Override
    public final KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
        return delegate.fieldsReader(state);
    }

    @Override
    public final int getMaxDimensions(String fieldName) {
        return MAX_DIMENSIONS;
    }
}
