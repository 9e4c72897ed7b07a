package dev.loupe.index;

import dev.loupe.core.ImageIds;
import dev.loupe.core.ImageVectors;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the stored vectors of many images in one pass per segment: the ids are sought in the segment's terms in
 * sorted order, their live documents sorted, and each space's vector values walked once, forwards, in document
 * order. Reading one image at a time instead costs a term query and a fresh vector reader per image and space — the
 * re-score of a search's few hundred candidates spent most of its time there.
 */
final class VectorReads {
    private final StoredVectors guard;

    VectorReads(StoredVectors guard) {
        this.guard = guard;
    }

    /**
     * The vectors of {@code ids} in {@code spaces} (names and their Lucene fields, in the same order) as
     * {@code s} sees them, in the order of {@code ids}; with the labels the model read off each image if
     * {@code modelLabels}. An id that is not indexed (or only as deleted documents), lacks a space or has a damaged
     * vector ({@link StoredVectors}) is left out.
     */
    Map<String, ImageVectors> read(IndexSearcher s, Collection<String> ids, List<String> spaces, List<String> fields,
                                   boolean modelLabels) throws IOException {
        BytesRef[] terms = ids.stream().distinct().map(BytesRef::new).sorted().toArray(BytesRef[]::new);
        Map<String, ImageVectors> found = new HashMap<>();
        for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
            readLeaf(leaf.reader(), terms, spaces, fields, modelLabels, found);
        }
        return ImageIds.inOrder(ids, found);
    }

    private void readLeaf(LeafReader r, BytesRef[] terms, List<String> spaces, List<String> fields,
                          boolean modelLabels, Map<String, ImageVectors> found) throws IOException {
        Terms idTerms = r.terms(ImageDocuments.ID);
        if (idTerms == null) {
            return;
        }
        long[] docs = liveDocs(r, idTerms, terms);
        int n = docs.length;
        if (n == 0) {
            return;
        }
        float[][][] vectors = new float[fields.size()][][];
        for (int f = 0; f < fields.size(); f++) {
            FloatVectorValues values = r.getFloatVectorValues(fields.get(f));
            if (values == null) {
                return; // no document of this segment has the space
            }
            vectors[f] = walk(values, docs, n);
        }
        for (int i = 0; i < n; i++) {
            int doc = (int) (docs[i] >>> 32);
            Map<String, float[]> bySpace = new HashMap<>();
            for (int f = 0; f < fields.size() && bySpace != null; f++) {
                float[] v = vectors[f][i];
                String problem = v == null ? "missing" : StoredVectors.problem(v);
                if (problem != null) {
                    if (v != null) { // as if it had none: callers skip it (or encode the file again)
                        guard.leftOut(ImageDocuments.toRecord(r.storedFields().document(doc)), spaces.get(f),
                                problem);
                    }
                    bySpace = null;
                } else {
                    bySpace.put(spaces.get(f), v);
                }
            }
            if (bySpace != null) {
                String id = terms[(int) docs[i]].utf8ToString();
                found.put(id, new ImageVectors(bySpace, modelLabels ? LabelFields.readModel(r, doc) : Map.of()));
            }
        }
    }

    /**
     * (doc &lt;&lt; 32 | term index) of the live document of each of the sorted {@code terms} that this segment holds,
     * sorted by doc: the order in which doc values and vector values are walked forwards once.
     */
    static long[] liveDocs(LeafReader r, Terms idTerms, BytesRef[] terms) throws IOException {
        long[] docs = new long[terms.length];
        int n = 0;
        TermsEnum te = idTerms.iterator();
        PostingsEnum postings = null;
        Bits live = r.getLiveDocs();
        for (int t = 0; t < terms.length; t++) {
            if (!te.seekExact(terms[t])) {
                continue;
            }
            postings = te.postings(postings, PostingsEnum.NONE);
            for (int d = postings.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = postings.nextDoc()) {
                if (live == null || live.get(d)) {
                    docs[n++] = (long) d << 32 | t;
                    break;
                }
            }
        }
        long[] out = Arrays.copyOf(docs, n);
        Arrays.sort(out);
        return out;
    }

    /** Copies of the vectors of the first {@code n} sorted {@code docs} (null where a document has none). */
    private static float[][] walk(FloatVectorValues values, long[] docs, int n) throws IOException {
        float[][] out = new float[n][];
        KnnVectorValues.DocIndexIterator it = values.iterator();
        for (int i = 0; i < n; i++) {
            int doc = (int) (docs[i] >>> 32);
            int at = it.docID() < doc ? it.advance(doc) : it.docID();
            if (at == DocIdSetIterator.NO_MORE_DOCS) {
                break;
            }
            if (at == doc) {
                out[i] = values.vectorValue(it.index()).clone();
            }
        }
        return out;
    }
}
