package dev.loupe.index.solr;

import dev.loupe.core.IndexMismatchException;
import dev.loupe.core.ModelInfo;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.impl.NoOpResponseParser;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.client.solrj.request.GenericSolrRequest;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.util.ContentStreamBase;

import java.util.Map;
import java.util.Optional;

/**
 * The collection as a whole: whether it exists, which model it was made for (its configset's
 * {@code loupe.properties}), creating it with Loupe's configset and deleting it for a rebuild.
 */
final class SolrCollection {
    private final CloudSolrClient client;
    private final SolrTarget target;
    private final String name;

    SolrCollection(CloudSolrClient client, SolrTarget target, String name) {
        this.client = client;
        this.target = target;
        this.name = name;
    }

    String name() {
        return name;
    }

    boolean exists() {
        return SolrErrors.call(target, name, "list the collections",
                () -> CollectionAdminRequest.listCollections(client)).contains(name);
    }

    /** The identity recorded in the collection's configset; empty when the collection was not made by Loupe. */
    Optional<Map<String, String>> identity() {
        ModifiableSolrParams p = new ModifiableSolrParams();
        p.set("file", SolrConfigset.PROPERTIES_FILE);
        p.set("contentType", "text/plain;charset=utf-8");
        GenericSolrRequest req = new GenericSolrRequest(SolrRequest.METHOD.GET, "/admin/file", p)
                .setRequiresCollection(true);
        req.setResponseParser(new NoOpResponseParser("raw"));
        try {
            Object text = SolrErrors.call(target, name, "read the collection's model",
                    () -> client.request(req, name).get("response"));
            return text == null ? Optional.empty() : Optional.of(SolrConfigset.parseIdentity(text.toString()));
        } catch (SolrIndexException e) {
            if (e.getCause() instanceof org.apache.solr.common.SolrException remote && remote.code() == 404) {
                return Optional.empty(); // no such file: not a configset Loupe wrote
            }
            throw e;
        }
    }

    /**
     * Throws unless the collection was made by Loupe for {@code model}, with what to do instead; returns the format
     * of its configset ({@link SolrConfigset#FORMAT} or older).
     */
    int check(ModelInfo model) {
        Map<String, String> id = identity().orElseThrow(() -> new IndexMismatchException("the SolrCloud collection '"
                + name + "' (" + target.describe() + ") was not created by Loupe (its configset has no "
                + SolrConfigset.PROPERTIES_FILE + "); pass another --collection, or let 'loupe index --rebuild' "
                + "replace it"));
        String recorded = id.get(SolrConfigset.MODEL_KEY);
        String spaces = id.get(SolrConfigset.SPACES_KEY);
        if (!model.fingerprint().equals(recorded) || !SolrConfigset.spacesKey(model).equals(spaces)) {
            String dims = SolrConfigset.spacesKey(model).equals(spaces) ? ""
                    : " (vector spaces " + spaces + ", this model has " + SolrConfigset.spacesKey(model) + ")";
            throw new IndexMismatchException("the SolrCloud collection '" + name + "' (" + target.describe()
                    + ") was built with model " + recorded + dims + " but this run uses " + model.fingerprint()
                    + "; vectors of different models cannot be mixed — rebuild it with 'loupe index --rebuild "
                    + "PATH...' or pass another --collection NAME");
        }
        int format = Integer.parseInt(id.getOrDefault(SolrConfigset.FORMAT_KEY, "1"));
        if (format > SolrConfigset.FORMAT) {
            throw new IllegalStateException("the SolrCloud collection '" + name + "' was written by a newer Loupe "
                    + "(format " + format + ", this one reads up to " + SolrConfigset.FORMAT + "); upgrade Loupe or "
                    + "pass another --collection NAME");
        }
        return format;
    }

    /**
     * Brings a collection of an older configset format to this one, keeping its documents: uploads this format's
     * configset over the collection's own and reloads the collection on every node.
     *
     * <p>Why an upgrade and not a refusal: every format so far only adds fields (format 2: the text fields; format 3:
     * the model's labels) and solrconfig settings, so the documents already there stay valid; they simply have no
     * words yet and read as {@link dev.loupe.core.text.ImageText#UNREAD}, so the next {@code loupe index} run reads
     * their names and metadata without embedding any image again — as the embedded index does for its own format
     * upgrade — and no model labels until their image is encoded again (a changed file, or {@code --rebuild}), as
     * in an embedded index built before model labels. Refusing would force a rebuild, which re-embeds every image.
     * Why not Solr's Schema API: the configset uses a classic {@code schema.xml} (ClassicIndexSchemaFactory), which
     * the Schema API cannot edit, and the statistics cache lives in {@code solrconfig.xml}, which it does not cover;
     * one upload of the new configset changes both at once. Only writers upgrade ({@code loupe index}); a reader of
     * an old collection is told to run it ({@link SolrImageIndex#searchText}) and filters by the images' own labels
     * only ({@link SolrImageIndex#filterQueries}).
     */
    void upgrade(ModelInfo model) {
        upload(model);
        SolrErrors.call(target, name, "reload the collection after upgrading its configset",
                () -> CollectionAdminRequest.reloadCollection(name).process(client));
    }

    private void upload(ModelInfo model) {
        String configset = SolrConfigset.name(name);
        SolrErrors.call(target, name, "upload the configset " + configset, () -> {
            ConfigSetAdminRequest.Upload up = new ConfigSetAdminRequest.Upload().setConfigSetName(configset)
                    .setOverwrite(true).setCleanup(true)
                    .setUploadStream(new ContentStreamBase.ByteArrayStream(SolrConfigset.zip(model), "configset.zip",
                            "application/zip"));
            return up.process(client);
        });
    }

    /** The recorded model fingerprint, if the collection exists and was made by Loupe. */
    Optional<String> recordedModel() {
        if (!exists()) {
            return Optional.empty();
        }
        return identity().map(m -> m.get(SolrConfigset.MODEL_KEY));
    }

    /**
     * Uploads the configset for {@code model} and creates the collection with {@code shards} × {@code replicas},
     * waiting until every replica is active. Another process may create it at the same moment (two workers starting
     * together): then its collection is taken if it is for the same model.
     */
    void create(ModelInfo model, int shards, int replicas) {
        String configset = SolrConfigset.name(name);
        upload(model);
        try {
            CollectionAdminRequest.Create create = CollectionAdminRequest.createCollection(name, configset, shards,
                    replicas);
            create.setWaitForFinalState(true);
            create.process(client);
        } catch (Exception e) {
            if (exists()) {
                check(model); // created by another worker meanwhile
                return;
            }
            throw SolrErrors.translate(target, name, "create the collection (" + shards + " shards × " + replicas
                    + " replicas)", e);
        }
    }

    /** Deletes the collection and its configset (a rebuild); nothing happens when it does not exist. */
    void delete() {
        if (exists()) {
            SolrErrors.call(target, name, "delete the collection for a rebuild",
                    () -> CollectionAdminRequest.deleteCollection(name).process(client));
        }
        try {
            new ConfigSetAdminRequest.Delete().setConfigSetName(SolrConfigset.name(name)).process(client);
        } catch (Exception e) {
            // no configset of that name: nothing to delete
        }
    }

    /** The collection's layout from the cluster state, for stats. */
    Optional<DocCollection> state() {
        try {
            return Optional.ofNullable(client.getClusterState().getCollectionOrNull(name));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
