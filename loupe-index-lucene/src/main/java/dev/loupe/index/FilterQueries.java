package dev.loupe.index;

import dev.loupe.core.ImageFilter;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Turns an {@link ImageFilter} into the Lucene query that the kNN search and the scans use as their filter, so
 * filtering happens inside the HNSW search (Lucene explores the graph and keeps only accepted documents, falling
 * back to an exact scan of the accepted ones when they are few). Must agree with {@link ImageFilter#test}.
 */
final class FilterQueries {
    private FilterQueries() {
    }

    /** The filter as a query, or null when it lets everything pass. */
    static Query of(ImageFilter filter) {
        if (filter == null || filter.isNone()) {
            return null;
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        if (filter.anyId() != null) {
            all.add(new TermInSetQuery(ImageDocuments.ID, filter.anyId().stream().map(BytesRef::new).toList()),
                    BooleanClause.Occur.FILTER);
        }
        if (filter.folder() != null) {
            all.add(new PrefixQuery(new Term(ImageDocuments.PATH, filter.folder())), BooleanClause.Occur.FILTER);
        }
        addRange(all, ImageDocuments.DATE, filter.date(), false);
        addRange(all, ImageDocuments.SIZE_POINT, filter.bytes(), false);
        addRange(all, ImageDocuments.WIDTH_POINT, filter.width(), true);
        addRange(all, ImageDocuments.HEIGHT_POINT, filter.height(), true);
        if (filter.anyLabel() != null) {
            if (filter.anyLabel().isEmpty()) {
                return new MatchNoDocsQuery("no label was asked for");
            }
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            long min = ImageDocuments.encodeConfidence(filter.minConfidence());
            long modelMin = ImageDocuments.encodeConfidence(filter.modelLabelFloor());
            long max = ImageDocuments.encodeConfidence(1f);
            for (String label : filter.anyLabel()) {
                any.add(NumericDocValuesField.newSlowRangeQuery(ImageDocuments.labelField(label), min, max),
                        BooleanClause.Occur.SHOULD);
                any.add(NumericDocValuesField.newSlowRangeQuery(ImageDocuments.modelLabelField(label), modelMin, max),
                        BooleanClause.Occur.SHOULD);
            }
            all.add(any.build(), BooleanClause.Occur.FILTER);
        }
        return all.build();
    }

    /** Whether the filter reads fields that index format 2 added (see {@link ImageDocuments#DATE}). */
    static boolean needsFormat2(ImageFilter filter) {
        return !filter.date().isAll() || !filter.bytes().isAll() || !filter.width().isAll() || !filter.height().isAll();
    }

    private static void addRange(BooleanQuery.Builder all, String field, ImageFilter.Range r, boolean ints) {
        if (r.isAll()) {
            return;
        }
        Query q;
        if (ints) {
            int min = (int) Math.max(Integer.MIN_VALUE, r.min());
            int max = (int) Math.min(Integer.MAX_VALUE, r.max());
            q = IntPoint.newRangeQuery(field, min, max);
        } else {
            q = LongPoint.newRangeQuery(field, r.min(), r.max());
        }
        all.add(q, BooleanClause.Occur.FILTER);
    }
}
