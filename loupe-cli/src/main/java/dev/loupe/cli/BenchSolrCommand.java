package dev.loupe.cli;

import dev.loupe.core.ImageIndex;
import dev.loupe.core.IndexBackend;
import dev.loupe.core.query.ProbeSettings;
import dev.loupe.index.LuceneBackend;
import dev.loupe.index.solr.SolrBackend;
import dev.loupe.index.solr.SolrTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "solr", mixinStandardHelpOptions = true, description = "Index N synthetic vectors into the embedded "
        + "index and into SolrCloud collections of 1 and 2 shards, then print indexing throughput, text and analogy "
        + "query latency (p50/p99, the engine's approximate path) and recall@10 against the exact answer, side by "
        + "side. Creates and deletes the collections loupe-bench-1 and loupe-bench-2.")
final class BenchSolrCommand implements Callable<Integer> {
    @Option(names = "--solr", paramLabel = "ZKHOSTS", description = "The cluster's ZooKeeper hosts[/chroot].")
    String solr;

    @Option(names = "--solr-url", paramLabel = "URL", description = "Or the address of a Solr node.")
    String solrUrl;

    @Option(names = "-n", paramLabel = "N", description = "Vectors (default: ${DEFAULT-VALUE}).")
    int vectors = 100_000;

    @Option(names = "--dim", paramLabel = "D", description = "Dimension (default: ${DEFAULT-VALUE}, the builtin "
            + "model's semantic space).")
    int dimension = 384;

    @Option(names = "--queries", paramLabel = "Q", description = "Timed queries of each kind (default: ${DEFAULT-VALUE}).")
    int queries = 200;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if ((solr == null) == (solrUrl == null)) {
            throw new IllegalArgumentException("give the cluster with --solr ZKHOSTS or --solr-url URL (start a local "
                    + "test cluster with bin/solr-test-cluster)");
        }
        if (vectors < 1000 || queries < 10 || dimension < 2) {
            throw new IllegalArgumentException("-n must be at least 1000, --queries at least 10, --dim at least 2");
        }
        SolrTarget target = solr != null ? SolrTarget.zooKeeper(solr) : SolrTarget.urls(solrUrl);
        PrintWriter err = spec.commandLine().getErr();
        String loadBefore = load();
        SolrBench bench = new SolrBench(new SolrBench.Settings(vectors, dimension, Math.max(10, vectors / 100),
                queries, 20, 7));
        List<SolrBench.Row> rows = new ArrayList<>();
        Path dir = Files.createTempDirectory("loupe-bench-solr");
        List<List<String>> exactText;
        List<List<String>> exactAnalogy;
        try {
            IndexBackend lucene = new LuceneBackend(dir);
            double seconds = fill(bench, lucene, "embedded", err);
            try (ImageIndex index = lucene.openForReading(bench.model())) {
                err.println("bench: exact answers by full scan …");
                err.flush();
                exactText = bench.exact(index, bench.textQueries());
                exactAnalogy = bench.exact(index, bench.analogyQueries());
                rows.add(row("embedded Lucene", seconds, bench, index, exactText, exactAnalogy, err));
            }
        } finally {
            delete(dir);
        }
        // the cluster's JVM compiles its hot paths during the first writes; warm it so the first row is not penalised
        SolrBackend warmup = new SolrBackend(target, "loupe-bench-warmup", 1, 1);
        try {
            new SolrBench(new SolrBench.Settings(Math.min(vectors, 5000), dimension, 50, 10, 0, 3))
                    .fill(warmup, n -> { });
        } finally {
            warmup.drop();
        }
        for (int shards : List.of(1, 2)) {
            SolrBackend backend = new SolrBackend(target, "loupe-bench-" + shards, shards, 1);
            try {
                double seconds = fill(bench, backend, backend.collection(), err);
                try (ImageIndex index = backend.openForReading(bench.model())) {
                    rows.add(row("SolrCloud, " + shards + " shard" + (shards > 1 ? "s" : "") + " × 1 replica",
                            seconds, bench, index, exactText, exactAnalogy, err));
                }
            } finally {
                backend.drop();
            }
        }
        print(spec.commandLine().getOut(), rows, target, loadBefore, load());
        return 0;
    }

    private double fill(SolrBench bench, IndexBackend backend, String name, PrintWriter err) {
        err.println("bench: writing " + vectors + " vectors into " + name + " …");
        err.flush();
        return bench.fill(backend, n -> {
            err.println("bench:   " + n);
            err.flush();
        });
    }

    private SolrBench.Row row(String name, double seconds, SolrBench bench, ImageIndex index, List<List<String>> exactText,
                              List<List<String>> exactAnalogy, PrintWriter err) {
        err.println("bench: queries on " + name + " …");
        err.flush();
        double[] t = bench.measure(index, bench.textQueries(), exactText);
        double[] a = bench.measure(index, bench.analogyQueries(), exactAnalogy);
        return new SolrBench.Row(name, seconds, vectors / seconds, t[0], t[1], t[2], a[0], a[1], a[2]);
    }

    private void print(PrintWriter out, List<SolrBench.Row> rows, SolrTarget target, String before, String after) {
        if (json) {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("vectors", vectors);
            all.put("dimension", dimension);
            all.put("queries", queries);
            all.put("probes", ProbeSettings.DEFAULT.toString());
            all.put("cluster", target.describe());
            all.put("loadBefore", before);
            all.put("loadAfter", after);
            all.put("rows", rows);
            Output.json(out, all);
            return;
        }
        out.printf("%d vectors of %d dimensions, %d timed queries of each kind, probes %s; load average before %s, "
                + "after %s%n%n", vectors, dimension, queries, ProbeSettings.DEFAULT, before, after);
        out.println("| backend | index s | docs/s | text p50 ms | text p99 ms | text recall@10 | analogy p50 ms "
                + "| analogy p99 ms | analogy recall@10 |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (SolrBench.Row r : rows) {
            out.printf("| %s | %.1f | %.0f | %.1f | %.1f | %.3f | %.1f | %.1f | %.3f |%n", r.backend(), r.indexSeconds(),
                    r.docsPerSecond(), r.textP50(), r.textP99(), r.textRecall(), r.analogyP50(), r.analogyP99(),
                    r.analogyRecall());
        }
        out.flush();
    }

    private static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void delete(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
