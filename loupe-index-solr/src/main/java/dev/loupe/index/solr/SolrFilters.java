package dev.loupe.index.solr;

import dev.loupe.core.ImageFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns an {@link ImageFilter} into Solr filter queries ({@code fq}). When the main query is {@code {!knn}}, Solr
 * uses every {@code fq} as the kNN search's pre-filter (the HNSW search visits the graph and keeps only accepted
 * documents, falling back to an exact scan of them when they are few), so the filter is applied inside the search,
 * as in the embedded index. Must agree with {@link ImageFilter#test}.
 */
final class SolrFilters {
    private SolrFilters() {
    }

    /**
     * One {@code fq} per part of the filter that is set; none when it lets everything pass. A label matches the
     * image's own label from {@link ImageFilter#minConfidence()} up or, when the collection stores them
     * ({@code modelLabels}: configset format 3), the model's label from {@link ImageFilter#modelLabelFloor()} up;
     * an older collection's schema has no {@code mlb_*} field to query, and its documents no model labels.
     */
    static List<String> of(ImageFilter filter, boolean modelLabels) {
        List<String> fq = new ArrayList<>();
        if (filter == null || filter.isNone()) {
            return fq;
        }
        if (filter.anyId() != null) {
            // ids are 16 hex digits: no comma can occur in them
            fq.add(filter.anyId().isEmpty() ? "-*:*"
                    : "{!terms f=" + SolrDocuments.ID + "}" + String.join(",", filter.anyId()));
        }
        if (filter.folder() != null) {
            // the prefix parser takes everything after the local params literally: no escaping needed
            fq.add("{!prefix f=" + SolrDocuments.PATH + "}" + filter.folder());
        }
        range(fq, SolrDocuments.DATE, filter.date(), false);
        range(fq, SolrDocuments.SIZE, filter.bytes(), false);
        range(fq, SolrDocuments.WIDTH, filter.width(), true);
        range(fq, SolrDocuments.HEIGHT, filter.height(), true);
        if (filter.anyLabel() != null) {
            if (filter.anyLabel().isEmpty()) {
                fq.add("-*:*");
            } else {
                String min = Float.toString(filter.minConfidence());
                String modelMin = Float.toString(filter.modelLabelFloor());
                fq.add(filter.anyLabel().stream().sorted()
                        .map(l -> SolrDocuments.labelField(l) + ":[" + min + " TO *]" + (modelLabels
                                ? " OR " + SolrDocuments.modelLabelField(l) + ":[" + modelMin + " TO *]" : ""))
                        .collect(Collectors.joining(" OR ")));
            }
        }
        return fq;
    }

    private static void range(List<String> fq, String field, ImageFilter.Range r, boolean ints) {
        if (r.isAll()) {
            return;
        }
        long lo = r.min();
        long hi = r.max();
        if (ints) {
            lo = Math.max(Integer.MIN_VALUE, lo);
            hi = Math.min(Integer.MAX_VALUE, hi);
        }
        String from = r.min() == Long.MIN_VALUE ? "*" : Long.toString(lo);
        String to = r.max() == Long.MAX_VALUE ? "*" : Long.toString(hi);
        fq.add(field + ":[" + from + " TO " + to + "]");
    }
}
