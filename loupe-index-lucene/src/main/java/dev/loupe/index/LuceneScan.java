package dev.loupe.index;

import dev.loupe.core.ImageRecord;
import dev.loupe.core.ScannedImage;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Walks the images that pass a filter segment by segment, in document order, with each space's vector values read
 * in place (Lucene's own buffer, no copy) and the stored fields decoded only for the images the visitor asks about.
 * An image with a damaged vector is left out with a warning ({@link StoredVectors}), so no scan scores it.
 */
final class LuceneScan {
    private final StoredVectors guard;

    LuceneScan(StoredVectors guard) {
        this.guard = guard;
    }

    /**
     * @param only   the filter as a query, null for every image
     * @param spaces the space names, {@code fields} their vector fields in the same order (none: records only)
     */
    void scan(IndexSearcher s, Query only, List<String> spaces, List<String> fields, Consumer<ScannedImage> visitor)
            throws IOException {
        Weight weight = only == null ? null : s.createWeight(s.rewrite(only), ScoreMode.COMPLETE_NO_SCORES, 1f);
        for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
            scanLeaf(leaf.reader(), weight == null ? null : weight.scorer(leaf), weight != null, spaces, fields,
                    visitor);
        }
    }

    private void scanLeaf(LeafReader r, Scorer scorer, boolean filtered, List<String> spaces, List<String> fields,
                          Consumer<ScannedImage> visitor) throws IOException {
        if (filtered && scorer == null) {
            return; // no image of this segment passes
        }
        DocIdSetIterator docs = filtered ? scorer.iterator() : DocIdSetIterator.all(r.maxDoc());
        FloatVectorValues[] values = new FloatVectorValues[fields.size()];
        KnnVectorValues.DocIndexIterator[] its = new KnnVectorValues.DocIndexIterator[fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = r.getFloatVectorValues(fields.get(i));
            if (values[i] == null) {
                return; // no document of this segment has the space
            }
            its[i] = values[i].iterator();
        }
        Bits live = r.getLiveDocs();
        Image image = new Image(r.storedFields(), spaces);
        docLoop:
        for (int d = docs.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = docs.nextDoc()) {
            if (live != null && !live.get(d)) {
                continue;
            }
            image.at(d);
            for (int i = 0; i < values.length; i++) {
                int at = its[i].docID() < d ? its[i].advance(d) : its[i].docID();
                if (at != d) {
                    continue docLoop;
                }
                float[] v = values[i].vectorValue(its[i].index());
                String problem = StoredVectors.problem(v);
                if (problem != null) { // left out, so that no query scores it
                    guard.leftOut(image.record(), spaces.get(i), problem);
                    continue docLoop;
                }
                image.vectors[i] = v;
            }
            visitor.accept(image);
        }
    }

    /** The image at the scan's document, reused from one document to the next. */
    private static final class Image implements ScannedImage {
        private final StoredFields stored;
        private final List<String> spaces;
        final float[][] vectors;
        private int doc;
        private ImageRecord record;

        Image(StoredFields stored, List<String> spaces) {
            this.stored = stored;
            this.spaces = spaces;
            this.vectors = new float[spaces.size()][];
        }

        void at(int doc) {
            this.doc = doc;
            this.record = null;
            java.util.Arrays.fill(vectors, null);
        }

        @Override
        public float[] vector(String space) {
            int i = spaces.indexOf(space);
            if (i < 0) {
                throw new IllegalArgumentException("the scan did not read space '" + space + "'; it reads " + spaces);
            }
            return vectors[i];
        }

        @Override
        public ImageRecord record() {
            if (record == null) {
                try {
                    record = ImageDocuments.toRecord(stored.document(doc));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("cannot read the stored fields of document " + doc, e);
                }
            }
            return record;
        }
    }
}
