package dev.loupe.engine;

import dev.loupe.models.image.DecodeOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/**
 * The command-line flags that choose a session — {@code --model}, {@code --index}, {@code --threads},
 * {@code --max-pixels}, and where the index lives ({@code --backend}, {@code --solr}, {@code --solr-url},
 * {@code --collection}, {@code --shards}, {@code --replicas}; see {@link IndexSettings} for the environment and the
 * config file) — as one picocli mixin, so every command (search, index, serve, classify …) spells, checks and
 * documents them the same way and turns them into {@link SessionOptions} here.
 */
public final class SessionFlags {
    @Option(names = "--index", paramLabel = "DIR", description = "Index folder (default: one per model: "
            + "$LOUPE_HOME/index (or ~/.loupe/index) for the builtin model, index-NAME beside it for the others).")
    Path index;

    @Option(names = "--backend", paramLabel = "lucene|solr", description = "Where the index lives: lucene (the "
            + "embedded index, a folder) or solr (a SolrCloud collection). Default: solr when a Solr address is "
            + "given or configured (LOUPE_SOLR, LOUPE_SOLR_URL, $LOUPE_HOME/config.properties), else lucene.")
    String backend;

    @Option(names = "--solr", paramLabel = "ZKHOSTS", description = "SolrCloud's ZooKeeper hosts, "
            + "host:port[,host:port...][/chroot] (default: $LOUPE_SOLR).")
    String solr;

    @Option(names = "--solr-url", paramLabel = "URL", description = "Address of one or more Solr nodes instead of "
            + "ZooKeeper, e.g. http://solr1:8983/solr (default: $LOUPE_SOLR_URL).")
    String solrUrl;

    @Option(names = "--collection", paramLabel = "NAME", description = "SolrCloud collection (default: "
            + "$LOUPE_COLLECTION, else loupe for the builtin model and loupe-NAME for the others).")
    String collection;

    @Option(names = "--shards", paramLabel = "N", description = "Shards of a collection that 'loupe index' creates "
            + "(default: $LOUPE_SHARDS or 1).")
    Integer shards;

    @Option(names = "--replicas", paramLabel = "R", description = "Replicas per shard of a collection that "
            + "'loupe index' creates; 2 or more survive the loss of a node (default: $LOUPE_REPLICAS or 1).")
    Integer replicas;

    @Option(names = "--model", paramLabel = "NAME", description = "Model to embed with (default: ${DEFAULT-VALUE}; "
            + "see 'loupe models list').")
    String model = ModelLoader.BUILTIN;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for decoding and the model, 1 to 4 × cores "
            + "(default: all cores).")
    int threads = SessionOptions.defaultThreads();

    @Option(names = "--max-pixels", paramLabel = "MP",
            description = "Refuse images larger than this many megapixels (decompression-bomb guard; default: 150).")
    double maxMegapixels = DecodeOptions.DEFAULT_MAX_PIXELS / 1e6;

    /** The session the flags describe, in the process's environment, with the given access to the index. */
    public SessionOptions options(SessionOptions.Access access) {
        return options(access, System.getenv());
    }

    /** The session the flags describe in {@code env} ({@code LOUPE_HOME}, {@code LOUPE_MODEL_MIRROR}). */
    public SessionOptions options(SessionOptions.Access access, Map<String, String> env) {
        if (!(maxMegapixels > 0) || maxMegapixels > 10_000) {
            throw new IllegalArgumentException("--max-pixels must be a number of megapixels above 0 and at most "
                    + "10000, got " + maxMegapixels);
        }
        SessionOptions defaults = SessionOptions.fromEnvironment(env);
        IndexSettings where = IndexSettings.resolve(new IndexSettings.Flags(backend, index, solr, solrUrl, collection,
                shards, replicas), env, defaults.home());
        return defaults
                .withModel(model)
                .withIndex(where.backend(model))
                .withAccess(access)
                .withThreads(threads)
                .withMaxPixels((long) (maxMegapixels * 1e6));
    }

    /** The threads asked for (checked when the session opens). */
    public int threads() {
        return threads;
    }
}
