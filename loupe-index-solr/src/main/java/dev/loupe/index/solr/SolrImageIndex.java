package dev.loupe.index.solr;

import dev.loupe.core.Hit;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageIds;
import dev.loupe.core.ImageIndex;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.ModelInfo;
import dev.loupe.core.Neighbours;
import dev.loupe.core.Space;
import dev.loupe.core.TextHit;
import dev.loupe.core.VectorQuery;
import dev.loupe.core.text.ImageText;
import dev.loupe.core.text.TextQuery;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.common.params.CommonParams;
import org.apache.solr.common.params.CursorMarkParams;
import org.apache.solr.common.params.ModifiableSolrParams;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The read side of a SolrCloud collection: one Solr document per image, one dense vector field per space. Reads
 * by id use real-time get (they see acknowledged writes before a commit); searches, counts and scans see the last
 * commit. kNN queries go to every shard with the filter as pre-filter ({@link SolrFilters}); Solr merges the shards'
 * top k. Thread-safe, like the SolrJ client underneath; stateless apart from that client, so several servers can
 * read one collection.
 */
public class SolrImageIndex implements ImageIndex {
    /** HNSW beam width per shard, as in the embedded index: search at least this wide, then cut to k. */
    static final int MIN_BEAM = 100;
    private static final int PAGE_RECORDS = 2000;
    private static final int PAGE_VECTORS = 300;
    /** Ids per real-time-get request. */
    private static final int GET_BATCH = 500;

    final CloudSolrClient client;
    final SolrTarget target;
    final String collection;
    final ModelInfo model;
    /**
     * The collection's configset format ({@link SolrConfigset#FORMAT}); older ones have no text fields (1) or no
     * model labels (1, 2).
     */
    private final int format;

    SolrImageIndex(CloudSolrClient client, SolrTarget target, String collection, ModelInfo model, int format) {
        this.client = client;
        this.target = target;
        this.collection = collection;
        this.model = model;
        this.format = format;
    }

    @Override
    public ModelInfo model() {
        return model;
    }

    <T> T call(String what, SolrErrors.Call<T> call) {
        return SolrErrors.call(target, collection, what, call);
    }

    private static ModifiableSolrParams fl(String fields) {
        ModifiableSolrParams p = new ModifiableSolrParams();
        p.set("fl", fields);
        return p;
    }

    private Optional<SolrDocument> get(String id, String fields) {
        return Optional.ofNullable(call("read image " + id, () -> client.getById(collection, id, fl(fields))));
    }

    @Override
    public Optional<ImageRecord> byId(String id) {
        return get(id, SolrDocuments.RECORD_FIELDS).map(SolrDocuments::toRecord);
    }

    @Override
    public Optional<ImageRecord> byPath(String path) {
        // the id is derived from the path, so a real-time get finds it; a document written with another id (by
        // another tool) is still found by a search on the path
        Optional<ImageRecord> r = byId(ImageIds.forPath(path)).filter(x -> x.path().equals(path));
        if (r.isPresent()) {
            return r;
        }
        SolrQuery q = new SolrQuery("{!term f=" + SolrDocuments.PATH + "}" + path);
        q.setFields(SolrDocuments.RECORD_FIELDS);
        q.setRows(1);
        SolrDocumentList docs = call("find " + path, () -> client.query(collection, q, SolrRequest.METHOD.POST))
                .getResults();
        return docs.isEmpty() ? Optional.empty() : Optional.of(SolrDocuments.toRecord(docs.get(0)));
    }

    private String vectorFields(Collection<String> spaces) {
        StringBuilder fl = new StringBuilder(SolrDocuments.ID);
        for (String s : spaces) {
            fl.append(',').append(SolrDocuments.vectorField(model.space(s).name()));
        }
        return fl.toString();
    }

    private List<String> allSpaces() {
        return model.spaces().stream().map(Space::name).toList();
    }

    /** The vectors of every space with the labels the model read off the image (as the embedded index reads them). */
    @Override
    public Optional<ImageVectors> vectors(String id) {
        return get(id, vectorFields(allSpaces()) + "," + SolrDocuments.MODEL_LABEL_PREFIX + "*")
                .flatMap(d -> vectorsOf(d, allSpaces()).map(v -> v.withLabels(SolrDocuments.modelLabels(d))));
    }

    @Override
    public Optional<float[]> vector(String id, String space) {
        return get(id, vectorFields(List.of(space))).map(d -> SolrDocuments.vector(d, space));
    }

    @Override
    public Map<String, ImageVectors> vectors(Collection<String> ids, Set<String> spaces) {
        Map<String, ImageVectors> found = new HashMap<>();
        getAll(ids, vectorFields(spaces), "vectors")
                .forEach((id, d) -> vectorsOf(d, spaces).ifPresent(v -> found.put(id, v)));
        return ImageIds.inOrder(ids, found);
    }

    /**
     * The documents with these ids (only {@code fields}), by id, by real-time get (which sees acknowledged writes
     * before a commit): one request per {@link #GET_BATCH} ids, however many there are.
     */
    private Map<String, SolrDocument> getAll(Collection<String> ids, String fields, String what) {
        Map<String, SolrDocument> found = new HashMap<>();
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += GET_BATCH) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + GET_BATCH));
            ModifiableSolrParams p = fl(fields);
            p.set(CommonParams.QT, "/get");
            p.set("ids", chunk.toArray(String[]::new));
            // POSTed: SolrJ's getById sends the ids in the URL, which a node refuses (HTTP 414) past ~8 KB of ids
            SolrDocumentList docs = call("read " + chunk.size() + " images' " + what,
                    () -> client.query(collection, p, SolrRequest.METHOD.POST).getResults());
            for (SolrDocument d : docs) {
                found.put((String) d.getFirstValue(SolrDocuments.ID), d);
            }
        }
        return found;
    }

    private static Optional<ImageVectors> vectorsOf(SolrDocument d, Collection<String> spaces) {
        Map<String, float[]> m = new HashMap<>();
        for (String s : spaces) {
            float[] v = SolrDocuments.vector(d, s);
            if (v == null) {
                return Optional.empty();
            }
            m.put(s, v);
        }
        return Optional.of(new ImageVectors(m));
    }

    @Override
    public Neighbours nearest(VectorQuery q) {
        Space sp = model.space(q.space());
        sp.check(q.vector());
        StringBuilder knn = new StringBuilder("{!knn f=").append(SolrDocuments.vectorField(sp.name()))
                .append(" topK=").append(Math.max(q.k(), MIN_BEAM)).append("}[");
        float[] v = q.vector();
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                knn.append(',');
            }
            knn.append(v[i]);
        }
        knn.append(']');
        SolrQuery sq = new SolrQuery(knn.toString());
        filterQueries(q.filter()).forEach(sq::addFilterQuery);
        sq.setFields(SolrDocuments.RECORD_FIELDS + ",score");
        sq.setRows(q.k());
        QueryResponse rsp = call("search the " + sp.name() + " vectors",
                () -> client.query(collection, sq, SolrRequest.METHOD.POST));
        List<Hit> hits = new ArrayList<>(rsp.getResults().size());
        for (SolrDocument d : rsp.getResults()) {
            float score = ((Number) d.getFirstValue("score")).floatValue();
            // DOT_PRODUCT scores are (1 + cos) / 2 for unit vectors, as in Lucene; report the cosine
            hits.add(new Hit(SolrDocuments.toRecord(d), 2 * score - 1));
        }
        // Solr does not report how many graph nodes its shards visited
        return new Neighbours(hits, 0);
    }

    @Override
    public void forEach(ImageFilter filter, Set<String> spaces, BiConsumer<ImageRecord, ImageVectors> visitor) {
        List<String> names = List.copyOf(spaces);
        SolrQuery q = new SolrQuery("*:*");
        filterQueries(filter).forEach(q::addFilterQuery);
        q.setFields(SolrDocuments.RECORD_FIELDS + (names.isEmpty() ? "" : "," + vectorFields(names)));
        q.setRows(names.isEmpty() ? PAGE_RECORDS : PAGE_VECTORS);
        q.setSort(SolrDocuments.ID, SolrQuery.ORDER.asc);
        ImageVectors none = new ImageVectors(Map.of());
        String cursor = CursorMarkParams.CURSOR_MARK_START;
        while (true) {
            q.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
            QueryResponse rsp = call("scan the collection", () -> client.query(collection, q, SolrRequest.METHOD.POST));
            for (SolrDocument d : rsp.getResults()) {
                if (names.isEmpty()) {
                    visitor.accept(SolrDocuments.toRecord(d), none);
                } else {
                    vectorsOf(d, names).ifPresent(v -> visitor.accept(SolrDocuments.toRecord(d), v));
                }
            }
            String next = rsp.getNextCursorMark();
            if (next == null || next.equals(cursor)) {
                return;
            }
            cursor = next;
        }
    }

    /**
     * BM25 over the words as the embedded index scores them ({@link SolrTextSearch}). A collection made by an older
     * Loupe has no text fields until a writer upgrades it: then this throws {@link UnsupportedOperationException},
     * which the core contract reserves for a backend without text fields, so a hybrid search still answers by the
     * embedding while the message says how to add the words.
     */
    @Override
    public List<TextHit> searchText(TextQuery query, int k, ImageFilter filter) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (query.isEmpty()) {
            return List.of();
        }
        if (format < SolrConfigset.TEXT_FORMAT) {
            throw new UnsupportedOperationException("the SolrCloud collection '" + collection + "' was made by an "
                    + "older Loupe and has no text fields yet; run 'loupe index PATH...' on it once to upgrade it "
                    + "(no image is embedded again), or search with --mode semantic");
        }
        return new SolrTextSearch(this).search(query, k, filter);
    }

    /**
     * The stored words by real-time get, {@link #GET_BATCH} ids per request; {@link ImageText#UNREAD} for an image
     * indexed before the text fields.
     */
    @Override
    public Map<String, ImageText> texts(Collection<String> ids) {
        Map<String, ImageText> found = new HashMap<>();
        getAll(ids, SolrDocuments.TEXT_STORED, "words").forEach((id, d) -> found.put(id, SolrDocuments.toText(d)));
        return ImageIds.inOrder(ids, found);
    }

    @Override
    public int count() {
        return count(ImageFilter.NONE);
    }

    @Override
    public int count(ImageFilter filter) {
        SolrQuery q = new SolrQuery("*:*");
        filterQueries(filter).forEach(q::addFilterQuery);
        q.setRows(0);
        long n = call("count images", () -> client.query(collection, q, SolrRequest.METHOD.POST))
                .getResults().getNumFound();
        return (int) Math.min(Integer.MAX_VALUE, n);
    }

    /** The filter as Solr filter queries for this collection's format ({@link SolrFilters}). */
    List<String> filterQueries(ImageFilter filter) {
        return SolrFilters.of(filter, format >= SolrConfigset.MODEL_LABEL_FORMAT);
    }

    /**
     * The stored probabilities of the model labels {@code names}, by real-time get of just those fields,
     * {@link #GET_BATCH} ids per request; none in a collection of a format before model labels.
     */
    @Override
    public Map<String, Map<String, Float>> modelLabels(Collection<String> ids, Set<String> names) {
        if (ids.isEmpty() || names.isEmpty() || format < SolrConfigset.MODEL_LABEL_FORMAT) {
            return Map.of();
        }
        StringBuilder fl = new StringBuilder(SolrDocuments.ID);
        names.stream().sorted().forEach(n -> fl.append(',').append(SolrDocuments.modelLabelField(n)));
        Map<String, Map<String, Float>> found = new HashMap<>();
        getAll(ids, fl.toString(), "model labels").forEach((id, d) -> {
            Map<String, Float> labels = SolrDocuments.modelLabels(d);
            if (!labels.isEmpty()) {
                found.put(id, labels);
            }
        });
        return ImageIds.inOrder(ids, found);
    }

    @Override
    public Map<String, Float> labels(String id) {
        return get(id, SolrDocuments.ID + "," + SolrDocuments.LABEL_PREFIX + "*").map(SolrDocuments::labels)
                .orElse(Map.of());
    }

    /** Not reported: the collection's files lie on the Solr nodes (their admin page shows the size per core). */
    @Override
    public long sizeOnDiskBytes() {
        return -1;
    }

    @Override
    public Map<String, String> stats() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("index", "solr:" + collection);
        m.put("backend", "solr");
        m.put("cluster", target.describe());
        m.put("collection", collection);
        m.put("model", model.fingerprint());
        new SolrCollection(client, target, collection).state().ifPresent((DocCollection c) -> {
            m.put("shards", Integer.toString(c.getSlices().size()));
            m.put("replicas", Integer.toString(c.getReplicas().size()));
            m.put("activeReplicas", Long.toString(c.getReplicas().stream()
                    .filter(r -> r.isActive(client.getClusterState().getLiveNodes())).count()));
        });
        return m;
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
