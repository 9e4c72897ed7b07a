package dev.loupe.index;

import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Terms;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads image labels from their doc-values fields ({@code label.<name>}, and the model's {@code modellabel.<name>},
 * see {@link ImageDocuments}).
 */
final class LabelFields {
    private LabelFields() {
    }

    /** The label names that occur anywhere in {@code reader}. */
    static Set<String> names(IndexReader reader) {
        Set<String> names = new TreeSet<>();
        for (FieldInfo fi : FieldInfos.getMergedFieldInfos(reader)) {
            if (ImageDocuments.isLabelField(fi.name) && fi.getDocValuesType() == DocValuesType.NUMERIC) {
                names.add(ImageDocuments.labelOf(fi.name));
            }
        }
        return names;
    }

    /** The labels of document {@code doc} of {@code leaf}, highest confidence first. */
    static Map<String, Float> read(LeafReader leaf, int doc) throws IOException {
        return read(leaf, doc, ImageDocuments.LABEL_PREFIX);
    }

    /** The labels the model read off document {@code doc} of {@code leaf}, highest probability first. */
    static Map<String, Float> readModel(LeafReader leaf, int doc) throws IOException {
        return read(leaf, doc, ImageDocuments.MODEL_LABEL_PREFIX);
    }

    private static Map<String, Float> read(LeafReader leaf, int doc, String prefix) throws IOException {
        List<Map.Entry<String, Float>> found = new ArrayList<>();
        for (FieldInfo fi : leaf.getFieldInfos()) {
            if (!fi.name.startsWith(prefix) || fi.getDocValuesType() != DocValuesType.NUMERIC) {
                continue;
            }
            NumericDocValues values = leaf.getNumericDocValues(fi.name);
            if (values != null && values.advanceExact(doc)) {
                found.add(Map.entry(fi.name.substring(prefix.length()),
                        ImageDocuments.decodeConfidence(values.longValue())));
            }
        }
        found.sort(Map.Entry.<String, Float>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        Map<String, Float> out = new LinkedHashMap<>();
        found.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /**
     * The probabilities of the model labels {@code names} of the images {@code ids}, by id (an image with none of
     * them left out): one walk per segment and name over the ids' documents in doc order ({@link VectorReads}).
     */
    static Map<String, Map<String, Float>> model(IndexSearcher s, Collection<String> ids, Set<String> names)
            throws IOException {
        BytesRef[] terms = ids.stream().distinct().map(BytesRef::new).sorted().toArray(BytesRef[]::new);
        Map<String, Map<String, Float>> found = new HashMap<>();
        for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
            LeafReader r = leaf.reader();
            Terms idTerms = r.terms(ImageDocuments.ID);
            if (idTerms == null) {
                continue;
            }
            long[] docs = VectorReads.liveDocs(r, idTerms, terms);
            for (String name : names) {
                NumericDocValues values = r.getNumericDocValues(ImageDocuments.modelLabelField(name));
                for (int i = 0; values != null && i < docs.length; i++) {
                    if (values.advanceExact((int) (docs[i] >>> 32))) {
                        found.computeIfAbsent(terms[(int) docs[i]].utf8ToString(), id -> new LinkedHashMap<>())
                                .put(name, ImageDocuments.decodeConfidence(values.longValue()));
                    }
                }
            }
        }
        return found;
    }

    /** The labels of the image with this id, empty when there is none. */
    static Map<String, Float> ofId(IndexSearcher s, String id) throws IOException {
        TopDocs top = s.search(new TermQuery(new Term(ImageDocuments.ID, id)), 1);
        if (top.scoreDocs.length == 0) {
            return Map.of();
        }
        LeafReaderContext leaf = leafOf(s, top.scoreDocs[0].doc);
        return read(leaf.reader(), top.scoreDocs[0].doc - leaf.docBase);
    }

    /** The labels of the document at {@code path} if its stored content hash is {@code hash}, else none. */
    static Map<String, Float> ofSameContent(IndexSearcher s, String path, String hash) throws IOException {
        TopDocs top = s.search(new TermQuery(new Term(ImageDocuments.PATH, path)), 1);
        if (top.scoreDocs.length == 0) {
            return Map.of();
        }
        LeafReaderContext leaf = leafOf(s, top.scoreDocs[0].doc);
        int local = top.scoreDocs[0].doc - leaf.docBase;
        String stored = leaf.reader().storedFields().document(local, Set.of(ImageDocuments.HASH)).get(ImageDocuments.HASH);
        return hash.equals(stored) ? read(leaf.reader(), local) : Map.of();
    }

    private static LeafReaderContext leafOf(IndexSearcher s, int doc) {
        List<LeafReaderContext> leaves = s.getIndexReader().leaves();
        return leaves.get(ReaderUtil.subIndex(doc, leaves));
    }
}
