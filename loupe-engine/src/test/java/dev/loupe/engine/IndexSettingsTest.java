package dev.loupe.engine;

import dev.loupe.index.LuceneBackend;
import dev.loupe.index.solr.SolrBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flags, then the environment, then the config file choose where the index lives. */
class IndexSettingsTest {
    @TempDir
    Path home;

    private static final IndexSettings.Flags NONE = new IndexSettings.Flags(null, null, null, null, null, null, null);

    private IndexSettings resolve(IndexSettings.Flags f, Map<String, String> env) {
        return IndexSettings.resolve(f, env, new LoupeHome(home));
    }

    @Test
    void theEmbeddedIndexUnlessSolrIsAskedForOrConfigured() {
        assertNull(resolve(NONE, Map.of()).backend("builtin"), "the model's default folder");
        assertInstanceOf(LuceneBackend.class, resolve(new IndexSettings.Flags(null, home, null, null, null, null, null),
                Map.of("LOUPE_SOLR", "zk:2181")).backend("builtin"), "--index DIR wins over a configured cluster");
        SolrBackend fromEnv = (SolrBackend) resolve(NONE, Map.of("LOUPE_SOLR", "zk1:2181,zk2:2181/solr",
                "LOUPE_COLLECTION", "photos", "LOUPE_SHARDS", "4")).backend("builtin");
        assertEquals("photos", fromEnv.collection());
        assertEquals(4, fromEnv.shards());
        assertEquals("/solr", fromEnv.target().chroot().orElseThrow());
        SolrBackend fromFlag = (SolrBackend) resolve(new IndexSettings.Flags(null, null, null, "http://s:8983/solr",
                null, null, 2), Map.of("LOUPE_SOLR", "zk:2181")).backend("clip-vit-b32");
        assertEquals("loupe-clip-vit-b32", fromFlag.collection(), "a model's own default collection");
        assertEquals(2, fromFlag.replicas());
        assertTrue(fromFlag.target().zkHosts().isEmpty(), "--solr-url replaces the configured ZooKeeper hosts");
        assertNull(resolve(new IndexSettings.Flags("lucene", null, null, null, null, null, null),
                Map.of("LOUPE_SOLR", "zk:2181")).backend("builtin"));
    }

    @Test
    void aConfigFileSetsItOnceAndTheEnvironmentOverridesIt() throws Exception {
        Files.writeString(home.resolve("config.properties"), "backend=solr\nsolr=zk9:2181/loupe\ncollection=team\n");
        SolrBackend b = (SolrBackend) resolve(NONE, Map.of()).backend("builtin");
        assertEquals("team", b.collection());
        assertEquals("zk9:2181", b.target().zkHosts().get(0));
        assertEquals("other", ((SolrBackend) resolve(NONE, Map.of("LOUPE_COLLECTION", "other")).backend("builtin"))
                .collection());
        Path elsewhere = Files.writeString(home.resolve("x.properties"), "solr.url=http://n1:8983/solr\n");
        SolrBackend viaUrl = (SolrBackend) resolve(NONE, Map.of("LOUPE_CONFIG", elsewhere.toString())).backend("builtin");
        assertEquals("http://n1:8983/solr", viaUrl.target().solrUrls().get(0));
    }

    @Test
    void badSettingsSayWhatToDo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> resolve(new IndexSettings.Flags("solr", null, null, null, null, null, null), Map.of()));
        assertTrue(e.getMessage().contains("--solr") && e.getMessage().contains("LOUPE_SOLR"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> resolve(new IndexSettings.Flags("elastic", null, null, null, null, null, null), Map.of()));
        assertTrue(e.getMessage().contains("--backend lucene"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> resolve(new IndexSettings.Flags("solr", home, "zk:2181", null, null, null, null), Map.of()));
        assertTrue(e.getMessage().contains("--collection"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> resolve(NONE, Map.of("LOUPE_CONFIG", home.resolve("missing.properties").toString())));
        assertTrue(e.getMessage().contains("LOUPE_CONFIG"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> resolve(NONE, Map.of("LOUPE_SOLR", "zk:2181", "LOUPE_SHARDS", "two")));
        assertTrue(e.getMessage().contains("shards"), e.getMessage());
    }

    @Test
    void workerSharesSplitFilesWithoutOverlap() {
        WorkerShare a = WorkerShare.parse("1/3");
        WorkerShare b = WorkerShare.parse("2/3");
        WorkerShare c = WorkerShare.parse(" 3 / 3 ");
        int[] counts = new int[3];
        for (int i = 0; i < 3000; i++) {
            String p = "/photos/img-" + i + ".jpg";
            int taken = (a.takes(p) ? 1 : 0) + (b.takes(p) ? 1 : 0) + (c.takes(p) ? 1 : 0);
            assertEquals(1, taken, p);
            counts[a.takes(p) ? 0 : b.takes(p) ? 1 : 2]++;
        }
        for (int n : counts) {
            assertTrue(n > 800 && n < 1200, java.util.Arrays.toString(counts));
        }
        assertThrows(IllegalArgumentException.class, () -> WorkerShare.parse("0/2"));
        assertThrows(IllegalArgumentException.class, () -> WorkerShare.parse("3/2"));
        assertThrows(IllegalArgumentException.class, () -> WorkerShare.parse("half"));
    }
}
