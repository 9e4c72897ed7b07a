package dev.loupe.engine;

import dev.loupe.core.IndexBackend;
import dev.loupe.index.LuceneBackend;
import dev.loupe.index.solr.SolrBackend;
import dev.loupe.index.solr.SolrTarget;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * Where the index lives, from three sources in this order: the command's flags ({@link SessionFlags}), the
 * environment ({@code LOUPE_BACKEND}, {@code LOUPE_SOLR}, {@code LOUPE_SOLR_URL}, {@code LOUPE_COLLECTION},
 * {@code LOUPE_SHARDS}, {@code LOUPE_REPLICAS}) and a config file ({@code $LOUPE_CONFIG}, else
 * {@code $LOUPE_HOME/config.properties}, keys {@code backend}, {@code solr}, {@code solr.url}, {@code collection},
 * {@code shards}, {@code replicas}), so that a team points every command at its SolrCloud once.
 *
 * <p>The backend is the one asked for ({@code --backend lucene|solr}); else {@code solr} when a Solr address is
 * given or configured and no {@code --index DIR} is given; else the embedded index. The collection defaults to
 * {@code loupe} for the builtin model and {@code loupe-NAME} for the others, like the embedded index's folders.
 *
 * @param backend    {@code lucene} or {@code solr}
 * @param indexDir   the embedded index's folder; null: the model's default one
 * @param solr       ZooKeeper hosts, or null
 * @param solrUrl    Solr node URLs, or null
 * @param collection the collection, or null for the model's default
 * @param shards     shards of a collection that {@code loupe index} creates
 * @param replicas   replicas per shard of such a collection
 */
public record IndexSettings(String backend, Path indexDir, String solr, String solrUrl, String collection,
                            int shards, int replicas) {
    public static final String LUCENE = "lucene";
    public static final String SOLR = "solr";
    public static final String CONFIG_FILE = "config.properties";

    /** Values given on the command line; null: not given. */
    public record Flags(String backend, Path indexDir, String solr, String solrUrl, String collection,
                        Integer shards, Integer replicas) {
    }

    /** Merges the flags with the environment and the config file (read from {@code home}). */
    public static IndexSettings resolve(Flags flags, Map<String, String> env, LoupeHome home) {
        Properties file = configFile(env, home);
        Function<String[], String> pick = keys -> {
            String v = env.get(keys[0]);
            if (v == null || v.isBlank()) {
                v = file.getProperty(keys[1]);
            }
            return v == null || v.isBlank() ? null : v.strip();
        };
        String solr = flags.solr() != null ? flags.solr() : flags.solrUrl() != null ? null
                : pick.apply(new String[] {"LOUPE_SOLR", "solr"});
        String solrUrl = flags.solrUrl() != null ? flags.solrUrl() : flags.solr() != null ? null
                : pick.apply(new String[] {"LOUPE_SOLR_URL", "solr.url"});
        String backend = flags.backend();
        if (backend == null && (flags.solr() != null || flags.solrUrl() != null)) {
            backend = SOLR;
        }
        if (backend == null && flags.indexDir() != null) {
            backend = LUCENE;
        }
        if (backend == null) {
            backend = pick.apply(new String[] {"LOUPE_BACKEND", "backend"});
        }
        if (backend == null) {
            backend = solr != null || solrUrl != null ? SOLR : LUCENE;
        }
        backend = backend.toLowerCase(Locale.ROOT);
        if (!backend.equals(LUCENE) && !backend.equals(SOLR)) {
            throw new IllegalArgumentException("unknown backend '" + backend + "'; use --backend lucene (the embedded "
                    + "index, a folder) or --backend solr (a SolrCloud collection)");
        }
        String collection = flags.collection() != null ? flags.collection()
                : pick.apply(new String[] {"LOUPE_COLLECTION", "collection"});
        int shards = flags.shards() != null ? flags.shards() : number(pick.apply(new String[] {"LOUPE_SHARDS", "shards"}), "shards", 1);
        int replicas = flags.replicas() != null ? flags.replicas()
                : number(pick.apply(new String[] {"LOUPE_REPLICAS", "replicas"}), "replicas", 1);
        if (backend.equals(SOLR) && flags.indexDir() != null) {
            throw new IllegalArgumentException("--index DIR names a folder of the embedded index; with the solr "
                    + "backend name the collection with --collection NAME (or pass --backend lucene)");
        }
        if (backend.equals(SOLR) && solr == null && solrUrl == null) {
            throw new IllegalArgumentException("the solr backend needs the cluster's address: --solr "
                    + "ZKHOST:PORT[/chroot] or --solr-url http://HOST:8983/solr (or LOUPE_SOLR / LOUPE_SOLR_URL, or "
                    + "'solr=' in " + configPath(env, home) + ")");
        }
        return new IndexSettings(backend, flags.indexDir(), solr, solrUrl, collection, shards, replicas);
    }

    private static int number(String v, String key, int dflt) {
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + key + "' must be a whole number, got '" + v + "' (from the "
                    + "environment or the config file)");
        }
    }

    static Path configPath(Map<String, String> env, LoupeHome home) {
        String given = env.get("LOUPE_CONFIG");
        return given != null && !given.isBlank() ? Path.of(given) : home.root().resolve(CONFIG_FILE);
    }

    private static Properties configFile(Map<String, String> env, LoupeHome home) {
        Path p = configPath(env, home);
        Properties props = new Properties();
        if (!Files.isRegularFile(p)) {
            if (env.get("LOUPE_CONFIG") != null && !env.get("LOUPE_CONFIG").isBlank()) {
                throw new IllegalArgumentException("LOUPE_CONFIG names " + p + ", which is not a file; fix the path "
                        + "or unset LOUPE_CONFIG");
            }
            return props;
        }
        try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            props.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the config file " + p + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the config file " + p + " is not a properties file: " + e.getMessage());
        }
        return props;
    }

    /** The default collection of a model: {@code loupe}, or {@code loupe-NAME}. */
    public static String defaultCollection(String model) {
        return ModelLoader.BUILTIN.equals(model) ? "loupe" : "loupe-" + model.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** The backend for {@code model}; null: the embedded index in the model's default folder. */
    public IndexBackend backend(String model) {
        if (backend.equals(LUCENE)) {
            return indexDir == null ? null : new LuceneBackend(indexDir);
        }
        SolrTarget target = solr != null ? SolrTarget.zooKeeper(solr) : SolrTarget.urls(solrUrl);
        return new SolrBackend(target, collection != null ? collection : defaultCollection(model), shards, replicas);
    }
}
