package dev.loupe.index;

import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;

/**
 * A filtered kNN query that remembers how many vectors its search compared (the sum over segments of Lucene's
 * visited count, or of the documents scored where Lucene chose an exact scan of a small filtered set). Lucene
 * reports that count only through {@code mergeLeafResults}, so this subclass is the one way to return it as the
 * search's cost. One instance per search.
 */
final class CountingKnnQuery extends KnnFloatVectorQuery {
    private long visited;

    CountingKnnQuery(String field, float[] target, int k, Query filter) {
        super(field, target, k, filter);
    }

    @Override
    protected TopDocs mergeLeafResults(TopDocs[] perLeafResults) {
        long sum = 0;
        for (TopDocs t : perLeafResults) {
            sum += t.totalHits.value();
        }
        visited = sum;
        return super.mergeLeafResults(perLeafResults);
    }

    long visited() {
        return visited;
    }
}
