package dev.loupe.index.solr;

import dev.loupe.core.ImageIds;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.Labels;
import dev.loupe.core.ModelInfo;
import dev.loupe.core.Space;
import dev.loupe.core.WritableImageIndex;
import dev.loupe.core.text.ImageText;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.ModifiableSolrParams;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A SolrCloud collection opened for writing. Upserts are documents keyed by the image id (derived from the path),
 * so writing the same image twice — a resumed run, two workers, a retry after a lost node — leaves one document.
 * Writes are buffered and sent in batches of {@link #BATCH}; a batch that fails for a transient reason (a node went
 * away, a shard is electing a leader) is sent again until the cluster answers or {@link SolrErrors.Retry#WRITE}'s
 * budget is spent. What Solr acknowledged is in its replicas' transaction logs: a killed writer loses at most its
 * unsent batch, which the next run finds missing and writes again.
 *
 * <p>The model's labels ({@link ImageVectors#labels()}) are written with the vectors by every upsert. Labels
 * ({@link #setLabels}) and words ({@link #setText}) are read-modify-write of the whole document under Solr's
 * optimistic concurrency ({@code _version_}), so a concurrent re-index is not overwritten and the model's labels
 * stay as they are; an upsert of unchanged content (same hash) carries the labels over, as in the embedded index.
 * (A whole document rather than a Solr atomic update: the document is read anyway to check it exists, and
 * re-sending its stored vectors is what an atomic update does inside Solr too.)
 */
public final class SolrWritableIndex extends SolrImageIndex implements WritableImageIndex {
    static final int BATCH = 200;
    private static final int REWRITE_ATTEMPTS = 5;

    private final Map<String, Pending> adds = new LinkedHashMap<>();
    private final Set<String> deletes = new LinkedHashSet<>();

    private record Pending(ImageRecord record, ImageVectors vectors, ImageText text) {
    }

    SolrWritableIndex(CloudSolrClient client, SolrTarget target, String collection, ModelInfo model) {
        super(client, target, collection, model, SolrConfigset.FORMAT);
    }

    @Override
    public synchronized void upsert(ImageRecord image, ImageVectors vectors, ImageText text) {
        java.util.Objects.requireNonNull(text, "text");
        for (Space s : model.spaces()) {
            s.check(vectors.get(s.name()));
        }
        deletes.remove(image.id());
        adds.put(image.id(), new Pending(image, vectors, text));
        if (adds.size() >= BATCH) {
            flush();
        }
    }

    /** Replaces the words of one image, keeping its record, vectors and labels. */
    @Override
    public synchronized void setText(String id, ImageText text) {
        java.util.Objects.requireNonNull(text, "text");
        rewrite(id, "words", d -> SolrDocuments.setText(d, text));
    }

    @Override
    public synchronized void delete(String path) {
        String id = ImageIds.forPath(path);
        if (adds.containsKey(id)) {
            flush(); // keep the order of an upsert and a delete of the same image
        }
        deletes.add(id);
        if (deletes.size() >= BATCH) {
            flush();
        }
    }

    /** Sends the buffered writes; after this they survive the loss of this process. */
    public synchronized void flush() {
        if (!adds.isEmpty()) {
            Map<String, Map<String, Float>> carried = labelsOfSameContent();
            List<SolrInputDocument> docs = new ArrayList<>(adds.size());
            for (Pending p : adds.values()) {
                docs.add(SolrDocuments.toDocument(p.record(), p.vectors(),
                        carried.getOrDefault(p.record().id(), Map.of()), p.text()));
            }
            UpdateRequest req = new UpdateRequest();
            req.add(docs);
            call("write " + docs.size() + " images", SolrErrors.Retry.WRITE, () -> req.process(client, collection));
            adds.clear();
        }
        if (!deletes.isEmpty()) {
            List<String> ids = List.copyOf(deletes);
            call("delete " + ids.size() + " images", SolrErrors.Retry.WRITE,
                    () -> new UpdateRequest().deleteById(ids).process(client, collection));
            deletes.clear();
        }
    }

    <T> T call(String what, SolrErrors.Retry retry, SolrErrors.Call<T> c) {
        return SolrErrors.call(target, collection, what, retry, c);
    }

    /** Labels of the pending images whose stored content hash equals the new one (one real-time get). */
    private Map<String, Map<String, Float>> labelsOfSameContent() {
        ModifiableSolrParams p = new ModifiableSolrParams();
        p.set("fl", SolrDocuments.ID + "," + SolrDocuments.HASH + "," + SolrDocuments.LABEL_PREFIX + "*");
        List<String> ids = List.copyOf(adds.keySet());
        SolrDocumentList docs = call("read labels", SolrErrors.Retry.WRITE, () -> client.getById(collection, ids, p));
        Map<String, Map<String, Float>> out = new HashMap<>();
        for (SolrDocument d : docs) {
            Pending now = adds.get((String) d.getFirstValue(SolrDocuments.ID));
            if (now != null && now.record().contentHash().equals(d.getFirstValue(SolrDocuments.HASH))) {
                Map<String, Float> labels = SolrDocuments.labels(d);
                if (!labels.isEmpty()) {
                    out.put(now.record().id(), labels);
                }
            }
        }
        return out;
    }

    @Override
    public synchronized void setLabels(String id, Map<String, Float> labelConfidences) {
        Map<String, Float> labels = Labels.checkAll(labelConfidences);
        rewrite(id, "labels", d -> SolrDocuments.replaceLabels(d, labels));
    }

    /**
     * Reads the whole stored document, applies {@code change} and writes it back under optimistic concurrency:
     * refused (409) when the document changed since it was read, then read and changed again.
     */
    private void rewrite(String id, String what, Consumer<SolrInputDocument> change) {
        flush();
        ModifiableSolrParams p = new ModifiableSolrParams();
        p.set("fl", "*," + SolrDocuments.VERSION);
        for (int attempt = 1; ; attempt++) {
            SolrDocument d = call("read image " + id, SolrErrors.Retry.WRITE, () -> client.getById(collection, id, p));
            if (d == null) {
                throw new IllegalArgumentException("no image with id " + id + " in SolrCloud collection '"
                        + collection + "'");
            }
            SolrInputDocument in = SolrDocuments.copy(d);
            change.accept(in);
            in.setField(SolrDocuments.VERSION, d.getFirstValue(SolrDocuments.VERSION));
            try {
                UpdateRequest req = new UpdateRequest();
                req.add(in);
                req.process(client, collection);
                return;
            } catch (Exception e) {
                SolrException remote = e instanceof SolrException s ? s : null;
                if (remote != null && remote.code() == 409 && attempt < REWRITE_ATTEMPTS) {
                    continue; // written meanwhile: read it again
                }
                if (remote == null || remote.code() != 409) {
                    // transient failures are retried by writing again from a fresh read
                    if (SolrErrors.isTransient(e) && attempt < REWRITE_ATTEMPTS) {
                        continue;
                    }
                }
                throw SolrErrors.translate(target, collection, "write the " + what + " of image " + id, e);
            }
        }
    }

    /** Sends what is buffered and makes it searchable and durable (a hard commit on every shard). */
    @Override
    public synchronized void commit() {
        flush();
        call("commit", SolrErrors.Retry.WRITE, () -> client.commit(collection, true, true));
    }

    @Override
    public synchronized void close() throws java.io.IOException {
        try {
            flush();
        } finally {
            super.close();
        }
    }
}
