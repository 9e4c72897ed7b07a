package dev.loupe.bench.ann;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.bench.data.BenchData;
import dev.loupe.bench.data.QueryKind;
import dev.loupe.core.query.ApproximateSearch;
import dev.loupe.core.query.ExactScanner;
import dev.loupe.core.query.Measure;
import dev.loupe.core.query.ProbeSettings;
import dev.loupe.core.query.ResolvedQuery;
import dev.loupe.core.query.VectorMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code loupe-bench search}: on the vector sets of {@code loupe-bench vectors}, builds Loupe's Lucene index in each
 * encoding and the peers' indexes (FAISS, hnswlib, through the Python script), sweeps the search setting on one
 * thread for every kind of query, and prints one table — build time, bytes on disk and resident per vector, QPS and
 * p50/p99 latency at recall@10 = 0.90 / 0.95 / 0.99, strict and epsilon. Built indexes are kept under
 * {@code DATA/indexes} and reused (a million-vector build takes a while); {@code --rebuild} builds them again.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "ANN bench: Loupe's index (each encoding) beside FAISS and hnswlib on the same vectors.")
public final class SearchBenchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "The folder 'loupe-bench vectors' wrote.")
    Path data;

    @Option(names = "--sets", split = ",", description = "Vector sets (default: every one in DATA: real, synth).")
    List<String> sets;

    @Option(names = "--encodings", split = ",", defaultValue = "float32,int7,int4,bbq",
            description = "Loupe index encodings (default ${DEFAULT-VALUE}).")
    List<String> encodings;

    @Option(names = "--peers", split = ",", defaultValue = "faiss-hnsw,faiss-ivf-flat,faiss-ivf-pq,hnswlib",
            description = "Peer engines, or 'none' (default ${DEFAULT-VALUE}).")
    List<String> peers;

    @Option(names = "--kinds", split = ",", defaultValue = "text,image,composed,analogy-sum,analogy-diff",
            description = "Query kinds (default ${DEFAULT-VALUE}).")
    List<String> kinds;

    @Option(names = "--queries", defaultValue = "-1", description = "Queries per kind (default: all stored).")
    int queries;

    @Option(names = "--params", split = ",", defaultValue = "10,16,24,32,48,64,96,128,192,256,384,512",
            description = "Candidates per index look-up to sweep, i.e. Lucene's k / beam (default ${DEFAULT-VALUE}).")
    List<Integer> params;

    @Option(names = "--exact-queries", defaultValue = "100", description = "Queries per kind timed with the exact float scan (default ${DEFAULT-VALUE}).")
    int exactQueries;

    @Option(names = "--index-dir", paramLabel = "DIR", description = "Where built indexes are kept (default DATA/indexes).")
    Path indexDir;

    @Option(names = "--rebuild", description = "Build Loupe's indexes again even when they exist.")
    boolean rebuild;

    @Option(names = "--python", description = "Python with python3-faiss and python3-hnswlib (default /usr/bin/python3).")
    Path python = PeerRunner.DEBIAN_PYTHON;

    @Option(names = "--out", paramLabel = "FILE", description = "Results, one JSON line each (default DATA/results.jsonl; replaced).")
    Path out;

    @Option(names = "--json", description = "Print the results as one JSON object instead of the tables.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter log = spec.commandLine().getErr();
        BenchData dir = new BenchData(data);
        Path indexes = indexDir != null ? indexDir : data.resolve("indexes");
        Path results = out != null ? out : data.resolve("results.jsonl");
        Files.createDirectories(indexes);
        Files.deleteIfExists(results);
        Files.createFile(results);
        List<String> runSets = sets != null ? sets : dir.sets();
        if (runSets.isEmpty()) {
            throw new IllegalArgumentException(data + " holds no vector sets; run 'loupe-bench vectors --out " + data
                    + "' first");
        }
        List<QueryKind> queryKinds = kinds.stream().map(QueryKind::of).toList();
        Map<String, Double> exactQps = new LinkedHashMap<>();
        for (String set : runSets) {
            VectorMatrix base = dir.readBase(set);
            Map<QueryKind, List<ResolvedQuery>> qs = new LinkedHashMap<>();
            Map<QueryKind, BenchData.Truth> truths = new LinkedHashMap<>();
            for (QueryKind kind : queryKinds) {
                List<ResolvedQuery> all = dir.readQueries(kind);
                qs.put(kind, queries > 0 ? all.subList(0, Math.min(queries, all.size())) : all);
                truths.put(kind, dir.readTruth(set, kind));
            }
            for (QueryKind kind : queryKinds) {
                double qps = exactScanQps(base, qs.get(kind));
                exactQps.put(set + "/" + kind.id(), qps);
                log.printf(Locale.ROOT, "exact float scan %s/%s: %.1f QPS%n", set, kind.id(), qps);
                log.flush();
            }
            for (String e : encodings) {
                Encoding encoding = Encoding.of(e);
                benchLucene(encoding, set, base, qs, truths, indexes.resolve("lucene-" + encoding.id() + "-" + set),
                        results, log);
            }
            base = null; // the peers run in their own processes; leave them the memory
            for (String peer : peers) {
                if (!peer.equals("none")) {
                    new PeerRunner(python, data, indexes, results, queries, kinds).run(peer, set, log);
                }
            }
        }
        report(results, exactQps);
        return 0;
    }

    /** Single-thread QPS (thread CPU time) of the exact scan with the JDK Vector API over the floats in memory. */
    private double exactScanQps(VectorMatrix base, List<ResolvedQuery> qs) {
        ExactScanner scanner = new ExactScanner(base);
        int n = Math.min(exactQueries, qs.size());
        for (int i = 0; i < Math.min(10, n); i++) {
            scanner.topK(qs.get(i), Sweep.K); // warm-up
        }
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            scanner.topK(qs.get(i), Sweep.K);
        }
        return n / ((cpu.getCurrentThreadCpuTime() - t0) / 1e9);
    }

    private void benchLucene(Encoding encoding, String set, VectorMatrix base, Map<QueryKind, List<ResolvedQuery>> qs,
                             Map<QueryKind, BenchData.Truth> truths, Path indexPath, Path results, PrintWriter log)
            throws IOException {
        String system = "loupe-lucene-" + encoding.id();
        Path buildFile = indexPath.resolve("loupe-build.json");
        double seconds;
        if (rebuild || !Files.isRegularFile(buildFile)
                || JSON.readTree(buildFile.toFile()).path("vectors").asInt() != base.size()) {
            log.printf(Locale.ROOT, "building %s on %s (%,d vectors, one thread)...%n", system, set, base.size());
            log.flush();
            seconds = LuceneAnn.build(base, encoding, indexPath);
            JSON.writeValue(buildFile.toFile(), Map.of("buildSeconds", seconds, "vectors", base.size()));
        } else {
            seconds = JSON.readTree(buildFile.toFile()).path("buildSeconds").asDouble();
        }
        try (LuceneAnn index = LuceneAnn.open(indexPath)) {
            List<ResolvedQuery> warm = qs.values().iterator().next();
            for (int i = 0; i < Math.min(300, warm.size()); i++) {
                search(index, 64).search(warm.get(i), 64);
            }
            for (Map.Entry<QueryKind, List<ResolvedQuery>> e : qs.entrySet()) {
                for (int param : params) {
                    Results.Point p = Sweep.run(system, set, e.getKey().id(), param, (q, c) -> search(index, c)
                            .search(q, c), e.getValue(), truths.get(e.getKey()));
                    append(results, p);
                    log.printf(Locale.ROOT, "%s %s/%s param=%d recall=%.3f eps=%.3f qps=%.0f%n", system, set,
                            e.getKey().id(), param, p.recall(), p.epsilonRecall(), p.qps());
                    log.flush();
                }
            }
            append(results, new Results.Build(null, system, set, base.size(), seconds, index.diskBytes(),
                    index.searchBytes(), index.residentBytes()));
        }
    }

    /**
     * The product's approximate path at one setting: {@link ApproximateSearch} with Loupe's default probe strategy
     * (SUM: one look-up; DIFF: λ = 0.5, then the tangent λ), each look-up asking for {@code c} candidates.
     */
    private static Sweep.Searcher search(LuceneAnn index, int c) {
        return (q, param) -> {
            ProbeSettings settings = new ProbeSettings(List.of(0.5f), false, param / (double) Sweep.K,
                    q.measure() == Measure.DIFF ? 1 : 0);
            return new ApproximateSearch(index, index, settings).topK(q, Sweep.K);
        };
    }

    private static void append(Path results, Object record) throws IOException {
        Files.writeString(results, JSON.writeValueAsString(record) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
    }

    private void report(Path results, Map<String, Double> exactQps) throws IOException {
        List<Results.Point> points = new ArrayList<>();
        List<Results.Build> builds = new ArrayList<>();
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            if (n.path("type").asText().equals("point")) {
                points.add(JSON.treeToValue(n, Results.Point.class));
            } else {
                builds.add(JSON.treeToValue(n, Results.Build.class));
            }
        }
        PrintWriter outw = spec.commandLine().getOut();
        if (json) {
            outw.println(JSON.writeValueAsString(Map.of("builds", builds, "points", points, "exactQps", exactQps)));
        } else {
            outw.println(ResultTable.builds(builds));
            outw.println(ResultTable.sweeps(points, exactQps));
        }
        outw.flush();
    }
}
