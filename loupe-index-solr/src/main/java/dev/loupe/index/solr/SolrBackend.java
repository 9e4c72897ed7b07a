package dev.loupe.index.solr;

import dev.loupe.core.ImageIndex;
import dev.loupe.core.IndexBackend;
import dev.loupe.core.ModelInfo;
import dev.loupe.core.WritableImageIndex;
import org.apache.solr.client.solrj.impl.CloudSolrClient;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A collection on a SolrCloud cluster as Loupe's index. Opening it for writing creates the collection when it is
 * missing ({@code shards} × {@code replicas}, Loupe's configset for the model); opening it for reading requires it.
 * Either way a collection made for another model is refused with the same hint as the embedded index. A writer
 * upgrades a collection made by an older Loupe ({@link SolrCollection#upgrade}).
 *
 * @param target     where the cluster is
 * @param collection the collection's name
 * @param shards     shards of a collection created here (ignored when it exists)
 * @param replicas   replicas per shard of a collection created here (ignored when it exists)
 */
public record SolrBackend(SolrTarget target, String collection, int shards, int replicas) implements IndexBackend {
    public SolrBackend {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(collection, "collection");
        if (!collection.matches("[A-Za-z0-9][A-Za-z0-9._\\-]{0,99}")) {
            throw new IllegalArgumentException("--collection '" + collection + "' is not a valid SolrCloud collection "
                    + "name; use letters, digits, '.', '_' and '-' (starting with a letter or digit)");
        }
        if (shards < 1 || shards > 1024) {
            throw new IllegalArgumentException("--shards must be between 1 and 1024, got " + shards);
        }
        if (replicas < 1 || replicas > 16) {
            throw new IllegalArgumentException("--replicas must be between 1 and 16, got " + replicas);
        }
    }

    public SolrBackend(SolrTarget target, String collection) {
        this(target, collection, 1, 1);
    }

    @Override
    public ImageIndex openForReading(ModelInfo model) {
        return open(client -> {
            SolrCollection c = new SolrCollection(client, target, collection);
            if (!c.exists()) {
                throw new SolrIndexException("there is no collection '" + collection + "' in the SolrCloud at "
                        + target.describe() + "; create it with 'loupe index --backend solr --collection "
                        + collection + " PATH...' or pass the name of an existing one with --collection");
            }
            return new SolrImageIndex(client, target, collection, model, c.check(model));
        });
    }

    @Override
    public WritableImageIndex openForWriting(ModelInfo model, boolean rebuild) {
        return open(client -> {
            SolrCollection c = new SolrCollection(client, target, collection);
            if (rebuild) {
                c.delete();
            }
            if (c.exists()) {
                if (c.check(model) < SolrConfigset.FORMAT) {
                    c.upgrade(model); // an older configset: add what is new, keep the documents
                }
            } else {
                c.create(model, shards, replicas);
            }
            return new SolrWritableIndex(client, target, collection, model);
        });
    }

    /** Runs {@code open} with a new client, which the returned index owns; closes the client when it fails. */
    private <T> T open(Function<CloudSolrClient, T> open) {
        CloudSolrClient client = target.client();
        try {
            return open.apply(client);
        } catch (RuntimeException e) {
            try {
                client.close();
            } catch (IOException | RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** Deletes the collection and the configset Loupe uploaded for it (nothing happens when there is none). */
    public void drop() {
        try (CloudSolrClient client = target.client()) {
            new SolrCollection(client, target, collection).delete();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public Optional<String> recordedModel() {
        try (CloudSolrClient client = target.client()) {
            return new SolrCollection(client, target, collection).recordedModel();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public String describe() {
        return "SolrCloud collection '" + collection + "' (" + target.describe() + ")";
    }
}
