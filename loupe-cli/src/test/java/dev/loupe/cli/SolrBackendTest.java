package dev.loupe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.core.Hit;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageIds;
import dev.loupe.core.IndexBackend;
import dev.loupe.core.WritableImageIndex;
import dev.loupe.core.query.Measure;
import dev.loupe.core.query.ProbeSettings;
import dev.loupe.core.query.QueryExpr;
import dev.loupe.core.query.Term;
import dev.loupe.engine.Loupe;
import dev.loupe.engine.SessionOptions;
import dev.loupe.engine.TrainedComposer;
import dev.loupe.engine.search.SearchEngine;
import dev.loupe.engine.search.SearchRequest;
import dev.loupe.index.LuceneBackend;
import dev.loupe.index.solr.SolrBackend;
import dev.loupe.index.solr.SolrTestCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same Loupe over SolrCloud: the shared photos indexed through {@code --solr} into a 2 shards × 2 replicas
 * collection on a real 3-node cluster answer every query kind like the embedded index — through the CLI (the
 * planner scans exactly on 21 photos) and through the engine with the approximate path forced (kNN probes on Solr,
 * candidates re-scored on the client).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SolrBackendTest {
    static final Path PHOTOS = Path.of(System.getProperty("loupe.shared"), "photos").toAbsolutePath().normalize();
    static final String COLLECTION = "photos";

    @TempDir
    static Path tmp;
    private String embedded;
    private SolrTestCluster cluster;

    @BeforeAll
    void indexThePhotosIntoBothBackends() throws Exception {
        cluster = SolrTestCluster.shared();
        embedded = tmp.resolve("index").toString();
        CliRunner.Result e = CliRunner.run("index", "--index", embedded, "--json", PHOTOS.toString());
        assertEquals(0, e.exit(), e.err());
        CliRunner.Result s = CliRunner.run("index", "--solr", cluster.zkAddress(), "--collection", COLLECTION,
                "--shards", "2", "--replicas", "2", "--rebuild", "--json", PHOTOS.toString());
        assertEquals(0, s.exit(), s.err());
        assertEquals(21, s.json().get("indexed").asInt(), s.out());
    }

    private String[] solrArgs() {
        return new String[] {"--solr", cluster.zkAddress(), "--collection", COLLECTION};
    }

    private List<String> files(String command, String[] where, String... args) {
        String[] all = Stream.of(new String[] {command, "--json"}, where, args).flatMap(Stream::of).toArray(String[]::new);
        CliRunner.Result r = CliRunner.run(all);
        assertEquals(0, r.exit(), r.err());
        List<String> out = new ArrayList<>();
        r.json().get("results").forEach(h -> out.add(Path.of(h.get("path").asText()).getFileName().toString()));
        return out;
    }

    private List<String> bothAgree(String command, String... args) {
        List<String> lucene = files(command, new String[] {"--index", embedded}, args);
        List<String> solr = files(command, solrArgs(), args);
        assertEquals(lucene, solr, String.join(" ", args));
        return solr;
    }

    @Test
    void barQueriesFindTheSamePhotosAsTheEmbeddedIndex() {
        assertEquals("chelsea.png", bothAgree("search", "-k", "3", "a cat").get(0));
        assertEquals("coffee.png", bothAgree("search", "-k", "3", "a cup of coffee").get(0));
        assertEquals("rocket.jpg", bothAgree("search", "-k", "3", "a rocket").get(0));
        // the other query kinds are compared through the engine below (each CLI run loads the model)
        List<String> dog = bothAgree("search", "-k", "3", "--image", PHOTOS.resolve("chelsea.png").toString(),
                "--minus", "cat", "--plus", "dog");
        assertTrue(List.of("dog.jpg", "person.jpg").contains(dog.get(0)), dog.toString());
        bothAgree("similar", "-k", "3", "--min-width", "500", PHOTOS.resolve("dog.jpg").toString());
    }

    /**
     * The words test set (a drawn BAKERY sign, a photo whose XMP sidecar keyword is grandma, a scanned page, file
     * names), indexed with OCR into both backends: hybrid text queries through the CLI with {@code --backend solr}
     * find the same photos for the same reasons as on the embedded index, also with a filter and a quoted phrase.
     */
    @Test
    void hybridTextQueriesOnSolrFindWhatTheEmbeddedIndexFinds() throws Exception {
        Path words = tmp.resolve("words");
        dev.loupe.text.WordsTestSet.write(PHOTOS, words);
        String wordsIndex = tmp.resolve("words-index").toString();
        String[] solr = {"--backend", "solr", "--solr", cluster.zkAddress(), "--collection", "words"};
        CliRunner.Result e = CliRunner.run("index", "--index", wordsIndex, "--json", words.toString());
        assertEquals(0, e.exit(), e.err());
        CliRunner.Result s = CliRunner.run(Stream.of(new String[] {"index"}, solr, new String[] {"--shards", "2",
                "--rebuild", "--json", words.toString()}).flatMap(Stream::of).toArray(String[]::new));
        assertEquals(0, s.exit(), s.err());
        assertEquals(e.json().get("indexed").asInt(), s.json().get("indexed").asInt(), s.out());
        assertTrue(s.json().get("ocr").get("ran").asBoolean(), s.out());
        assertEquals(0, s.json().get("ocr").get("failed").asInt(), s.out());
        String[] embeddedArgs = {"--index", wordsIndex};
        List<String[]> queries = List.of(new String[] {"bakery"}, new String[] {"grandma"},
                new String[] {"--mode", "hybrid", "\"q3 revenue\""}, new String[] {"passport"},
                new String[] {"--folder", words.resolve("signs").toString(), "bakery open"});
        for (String[] q : queries) {
            JsonNode onLucene = searchJson(embeddedArgs, q);
            JsonNode onSolr = searchJson(solr, q);
            assertEquals(paths(onLucene), paths(onSolr), String.join(" ", q));
            assertEquals(onLucene.get(0).get("matches"), onSolr.get(0).get("matches"), String.join(" ", q));
        }
        JsonNode bakery = searchJson(solr, new String[] {"bakery"});
        assertEquals("sign-00.png", paths(bakery).get(0));
        assertEquals("ocr", bakery.get(0).get("matches").get(0).get("field").asText());
        JsonNode grandma = searchJson(solr, new String[] {"grandma"});
        assertEquals("IMG_2041.jpg", paths(grandma).get(0));
        assertEquals("metadata", grandma.get(0).get("matches").get(0).get("field").asText());
        assertEquals("scan-0001.png", paths(searchJson(solr, new String[] {"\"q3 revenue\""})).get(0));
        CliRunner.Result info = CliRunner.run(Stream.of(new String[] {"info", "--json"}, solr,
                new String[] {words.resolve("signs/sign-00.png").toString()}).flatMap(Stream::of).toArray(String[]::new));
        assertEquals(0, info.exit(), info.err());
        assertEquals("done", info.json().get("ocr").asText(), info.out());
    }

    /** The top 3 results of a search, as JSON. */
    private static JsonNode searchJson(String[] where, String[] query) {
        CliRunner.Result r = CliRunner.run(Stream.of(new String[] {"search", "--json", "-k", "3"}, where, query)
                .flatMap(Stream::of).toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        return r.json().get("results");
    }

    private static List<String> paths(JsonNode results) {
        List<String> out = new ArrayList<>();
        results.forEach(h -> out.add(Path.of(h.get("path").asText()).getFileName().toString()));
        return out;
    }

    @Test
    void theApproximatePathOnSolrAgreesWithTheEmbeddedIndex() throws Exception {
        String chelsea = PHOTOS.resolve("chelsea.png").toString();
        String rocket = ImageIds.forPath(PHOTOS.resolve("rocket.jpg").toString());
        List<SearchRequest> requests = List.of(
                SearchRequest.of(QueryExpr.text("a cat"), 3),
                SearchRequest.of(QueryExpr.text("a cup of coffee"), 3),
                SearchRequest.of(QueryExpr.text("a rocket"), 3),
                SearchRequest.of(QueryExpr.text("an animal"), 3).withFilter(ImageFilter.NONE.inFolder(PHOTOS.toString())
                        .datedIn(ImageFilter.Range.atLeast(0))),
                SearchRequest.of(QueryExpr.text("an animal"), 3).withFilter(ImageFilter.NONE.datedIn(
                        ImageFilter.Range.atMost(0))),
                SearchRequest.of(QueryExpr.imagePath(chelsea).minus("cat").plus("dog").withMeasure(Measure.DIFF), 3),
                SearchRequest.of(QueryExpr.imagePath(chelsea).minus("cat").plus("dog").withMeasure(Measure.SUM), 3),
                SearchRequest.of(QueryExpr.text("an animal").minus("dog"), 3),
                SearchRequest.of(QueryExpr.imagePath(chelsea).with(Term.parse(Term.Kind.TEXT, Term.Role.BASE,
                        "2:a dog")), 3),
                SearchRequest.of(QueryExpr.imagePath(PHOTOS.resolve("dog.jpg").toString()), 3),
                SearchRequest.of(QueryExpr.from(rocket, Measure.DIFF).plus("dog").minus("rocket"), 3),
                SearchRequest.of(QueryExpr.text("an animal"), 3).withFilter(ImageFilter.withLabel("pets")),
                SearchRequest.of(QueryExpr.text("a photo"), 3).withFilter(ImageFilter.NONE.sized(
                        ImageFilter.Range.ALL, ImageFilter.Range.atLeast(500), ImageFilter.Range.ALL)));
        IndexBackend lucene = new LuceneBackend(Path.of(embedded));
        IndexBackend solr = new SolrBackend(cluster.target(), COLLECTION);
        for (IndexBackend b : List.of(lucene, solr)) {
            try (Loupe writer = Loupe.open(session(b, SessionOptions.Access.WRITE))) {
                WritableImageIndex w = writer.writableIndex();
                for (String pet : List.of("dog.jpg", "chelsea.png", "person.jpg")) {
                    w.setLabels(ImageIds.forPath(PHOTOS.resolve(pet).toString()), Map.of("pets", 0.9f));
                }
                w.commit();
            }
        }
        try (Loupe l = Loupe.open(session(lucene, SessionOptions.Access.READ));
             Loupe s = Loupe.open(session(solr, SessionOptions.Access.READ))) {
            SearchEngine probesL = new SearchEngine(l.model(), l.index(), l.images(), ProbeSettings.DEFAULT, 0);
            SearchEngine probesS = new SearchEngine(s.model(), s.index(), s.images(), ProbeSettings.DEFAULT, 0);
            // a trained composer (here a text-only projection: the composed query is the text's own best match)
            SearchRequest composed = SearchRequest.of(QueryExpr.imagePath(chelsea).with(Term.parse(Term.Kind.TEXT,
                    Term.Role.BASE, "a rocket")), 3).withComposer(TrainedComposer.load(textOnlyComposer(), s.model().info()));
            assertEquals("rocket.jpg", names(probesS.search(composed).hits()).get(0));
            for (SearchRequest r : Stream.concat(requests.stream(), Stream.of(composed)).toList()) {
                var fromSolr = probesS.search(r);
                // the planner scans exactly only what no image passes
                assertTrue(fromSolr.stats().filtered() == 0 || fromSolr.stats().plan().endsWith("probes"),
                        fromSolr.stats().plan());
                List<String> exact = names(l.search(r).hits());
                assertEquals(exact, names(s.search(r).hits()), "exact on both: " + r.expr() + " " + r.filter());
                assertEquals(names(probesL.search(r).hits()), names(fromSolr.hits()), r.expr() + " " + r.filter());
                assertEquals(exact, names(fromSolr.hits()), "exact vs Solr probes: " + r.expr());
            }
            assertEquals(List.of("chelsea.png", "dog.jpg", "person.jpg"),
                    names(probesS.search(SearchRequest.of(QueryExpr.text("an animal"), 5)
                            .withFilter(ImageFilter.withLabel("pets"))).hits()).stream().sorted().toList());
        }
    }

    /** An identity text-only composer file for the builtin model's 384-d semantic space. */
    private static Path textOnlyComposer() {
        int dim = 384;
        float[] identity = new float[dim * dim];
        for (int i = 0; i < dim; i++) {
            identity[i * dim + i] = 1;
        }
        var meta = new dev.loupe.core.compose.ComposerMetadata(dev.loupe.core.compose.Composers.TEXT_ONLY, "test",
                "semantic", dim, dim, dim, "builtin", "builtin", Map.of(), Map.of());
        var tensors = List.of(new dev.loupe.core.compose.Tensor("proj.weight", new int[] {dim, dim}, identity),
                new dev.loupe.core.compose.Tensor("proj.bias", new int[] {dim}, new float[dim]));
        Path file = tmp.resolve("text-only.composer");
        new dev.loupe.core.compose.ComposerFile(meta, tensors).save(file);
        return file;
    }

    private static SessionOptions session(IndexBackend backend, SessionOptions.Access access) {
        return SessionOptions.fromEnvironment(System.getenv()).withIndex(backend).withAccess(access).withThreads(2);
    }

    private static List<String> names(List<Hit> hits) {
        return hits.stream().map(h -> Path.of(h.path()).getFileName().toString()).toList();
    }

    @Test
    void infoNamesTheCollectionAndAnotherRunIsIncremental() {
        CliRunner.Result info = CliRunner.run(Stream.concat(Stream.of("info", "--json"), Stream.of(solrArgs()))
                .toArray(String[]::new));
        assertEquals(0, info.exit(), info.err());
        JsonNode j = info.json();
        assertEquals("solr", j.get("backend").asText());
        assertEquals(21, j.get("images").asInt());
        assertEquals("2", j.get("shards").asText());
        CliRunner.Result again = CliRunner.run(Stream.concat(Stream.of("index", "--json"),
                Stream.concat(Stream.of(solrArgs()), Stream.of(PHOTOS.toString()))).toArray(String[]::new));
        assertEquals(0, again.exit(), again.err());
        assertEquals(21, again.json().get("unchanged").asInt());
        assertEquals(0, again.json().get("indexed").asInt());
    }

    @Test
    void twoReadOnlyServersShareOneCollection() throws Exception {
        List<ServeCommand.Running> servers = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                ServeCommand serve = new ServeCommand();
                new picocli.CommandLine(serve).parseArgs(Stream.concat(Stream.of("--read-only", "--port", "0",
                        "--threads", "1"), Stream.of(solrArgs())).toArray(String[]::new));
                servers.add(serve.start());
            }
            var http = java.net.http.HttpClient.newHttpClient();
            for (ServeCommand.Running r : servers) {
                var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(r.server().url() + "api/search"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"text\": \"a cat\", \"k\": 3}"))
                        .build();
                var rsp = http.send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
                assertEquals(200, rsp.statusCode(), rsp.body());
                JsonNode hits = new com.fasterxml.jackson.databind.ObjectMapper().readTree(rsp.body()).get("hits");
                assertTrue(hits.get(0).get("path").asText().endsWith("chelsea.png"), rsp.body());
            }
        } finally {
            servers.forEach(ServeCommand.Running::close);
        }
    }

    @Test
    void theCommandCarriesSolrJButNeitherSolrNorItsLuceneNorJetty10() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> jars = Stream.of(cp.split(java.io.File.pathSeparator))
                .map(e -> Path.of(e).getFileName().toString()).toList();
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("solr-solrj-9.")), jars.toString());
        List<String> foreign = jars.stream().filter(j -> j.startsWith("solr-core") || j.startsWith("lucene-core-9.")
                || j.startsWith("jetty-client-10.") || j.startsWith("solr-test-framework")).toList();
        assertEquals(List.of(), foreign, "Solr's server side or Lucene 9 on Loupe's classpath");
    }

    @Test
    void badClusterOrCollectionIsOneClearLine() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliRunner.Result r = CliRunner.run("search", "--solr-url", "http://127.0.0.1:" + port + "/solr", "a cat");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("cannot reach Solr at http://127.0.0.1:" + port) && r.err().contains("--solr-url"),
                r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        r = CliRunner.run("search", "--solr", cluster.zkAddress(), "--collection", "nothing-here", "a cat");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("'nothing-here'") && r.err().contains("loupe index"), r.err());
        r = CliRunner.run("search", "--backend", "solr", "a cat");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--solr"), r.err());
    }
}
