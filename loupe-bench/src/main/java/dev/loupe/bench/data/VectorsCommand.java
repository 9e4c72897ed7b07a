package dev.loupe.bench.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.loupe.core.Model;
import dev.loupe.core.query.ExactScanner;
import dev.loupe.core.query.ResolvedQuery;
import dev.loupe.core.query.ScoredOrdinal;
import dev.loupe.core.query.VectorMatrix;
import dev.loupe.engine.LoupeHome;
import dev.loupe.engine.ModelLoader;
import dev.loupe.models.store.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/**
 * {@code loupe-bench vectors}: makes the bench's vector sets once — real builtin embeddings, vectors drawn from a
 * distribution fit to them, queries of every kind and their exact answers — into a folder of {@code .fvecs} files
 * ({@link BenchData} describes the layout).
 */
@Command(name = "vectors", mixinStandardHelpOptions = true,
        description = "Make the bench's vector sets once: real builtin embeddings of Fashion-MNIST, N vectors drawn "
                + "from a distribution fit to them, queries of each kind and their exact top 100.")
public final class VectorsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write (created).")
    Path out;

    @Option(names = "--data", paramLabel = "DIR", description = "Fashion-MNIST folder (default: ../shared/datasets/fashion-mnist).")
    Path data;

    @Option(names = "--captions", paramLabel = "FILE", description = "captions.tsv of the shared photos, used as text "
            + "queries (default: ../shared/photos/captions.tsv; skipped when missing).")
    Path captions;

    @Option(names = "--real", defaultValue = "140000", description = "Real vectors to embed (at most 140,000; default ${DEFAULT-VALUE}).")
    int realCount;

    @Option(names = "--synth", defaultValue = "1000000", description = "Vectors to draw from the fit (default ${DEFAULT-VALUE}).")
    int synthCount;

    @Option(names = "--queries", defaultValue = "1000", description = "Queries per kind (default ${DEFAULT-VALUE}); as many real images are held out.")
    int queryCount;

    @Option(names = "--clusters", defaultValue = "256", description = "Clusters of the fit (default ${DEFAULT-VALUE}).")
    int clusters;

    @Option(names = "--threads", defaultValue = "2", description = "Threads for embedding and exact answers (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--visual", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also draw the visual-space vectors of the drawn images (synth-visual.fvecs; the engine bench "
                    + "needs them; --no-visual skips them).")
    boolean visual;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of every random choice (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        PrintWriter log = spec.commandLine().getErr();
        LoupeHome home = LoupeHome.fromEnvironment(System.getenv());
        Path shared = Path.of(System.getProperty("loupe.shared", "../shared"));
        Path fashion = data != null ? data : shared.resolve("datasets/fashion-mnist");
        Path captionFile = captions != null ? captions : shared.resolve("photos/captions.tsv");
        BenchData dir = new BenchData(out);
        Files.createDirectories(out);
        Map<String, Object> manifest = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        try (Model model = new ModelLoader(home, System::getenv).open(ModelLoader.BUILTIN, threads, ProgressListener.NONE)) {
            FashionVectors real = FashionVectors.embed(model, fashion, home.root().resolve("cache").resolve("eval"),
                    realCount, log);
            if (real.vectors().size() <= queryCount) {
                throw new IllegalArgumentException("--real " + realCount + " leaves no base vectors after holding out "
                        + queryCount + " query images; give more real vectors or fewer --queries");
            }
            List<Integer> order = new ArrayList<>(IntStream.range(0, real.vectors().size()).boxed().toList());
            Collections.shuffle(order, new Random(seed));
            List<float[]> heldOut = new ArrayList<>();
            int[] heldOutLabels = new int[queryCount];
            List<float[]> base = new ArrayList<>();
            List<float[]> baseVisual = new ArrayList<>();
            List<int[]> baseLabels = new ArrayList<>();
            for (int i = 0; i < order.size(); i++) {
                int row = order.get(i);
                if (i < queryCount) {
                    heldOutLabels[i] = real.labels()[row];
                    heldOut.add(real.vectors().get(row));
                } else {
                    base.add(real.vectors().get(row));
                    if (real.visual() != null) {
                        baseVisual.add(real.visual().get(row));
                    }
                    baseLabels.add(new int[]{real.labels()[row]});
                }
            }
            Fvecs.write(dir.base(BenchData.REAL), base);
            Fvecs.writeInts(dir.realLabels(), baseLabels);
            manifest.put("model", model.info().fingerprint());
            manifest.put("space", model.info().textSpace());
            manifest.put("dimension", base.get(0).length);
            manifest.put("real", Map.of("vectors", base.size(), "heldOutQueryImages", heldOut.size(),
                    "source", "Fashion-MNIST train+test, inverted and as stored, builtin model's text space"));
            log.printf(Locale.ROOT, "real: %,d base vectors, %,d held out as query images%n", base.size(), heldOut.size());

            boolean withVisual = visual && !baseVisual.isEmpty();
            ClusterFit fit = ClusterFit.fitSpaces(withVisual ? List.of(base, baseVisual) : List.of(base),
                    Math.min(clusters, base.size()), 10, seed);
            drawSynthetic(fit, dir, withVisual, log);
            manifest.put("synth", fitReport(fit, base, heldOut));
            log.printf(Locale.ROOT, "synth: %,d vectors drawn from %d clusters%n", synthCount, fit.clusters().size());

            List<String> texts = TextQueries.build(queryCount, captionFile, home.models().resolve("imagenet-simple-labels.json"), seed);
            Files.createDirectories(dir.texts().getParent());
            Files.write(dir.texts(), texts, StandardCharsets.UTF_8);
            QuerySet queries = new QuerySet(heldOut, heldOutLabels, texts, model::encodeText);
            Map<String, Object> kinds = new LinkedHashMap<>();
            for (QueryKind kind : QueryKind.values()) {
                List<QuerySet.Query> qs = queries.build(kind, queryCount, seed);
                writeQueries(dir, kind, qs);
                kinds.put(kind.id(), qs.size());
            }
            manifest.put("queries", kinds);
        }
        for (String set : dir.sets()) {
            VectorMatrix base = dir.readBase(set);
            for (QueryKind kind : QueryKind.values()) {
                long t = System.nanoTime();
                BenchData.Truth truth = GroundTruth.compute(base, dir.readQueries(kind), BenchData.TRUTH_DEPTH, threads);
                Fvecs.writeInts(dir.truthIds(set, kind), truth.ids());
                Fvecs.write(dir.truthScores(set, kind), truth.scores());
                log.printf(Locale.ROOT, "exact answers %s/%s: %d queries in %.1f s%n", set, kind.id(), truth.queries(),
                        (System.nanoTime() - t) / 1e9);
                log.flush();
            }
        }
        manifest.put("seed", seed);
        manifest.put("seconds", Math.round((System.nanoTime() - t0) / 1e9));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.manifest().toFile(), manifest);
        log.printf(Locale.ROOT, "wrote %s%n", out);
        return 0;
    }

    private void drawSynthetic(ClusterFit fit, BenchData dir, boolean withVisual, PrintWriter log) throws IOException {
        int block = 10_000;
        try (Fvecs.Writer w = new Fvecs.Writer(dir.base(BenchData.SYNTH));
             Fvecs.Writer wv = withVisual ? new Fvecs.Writer(dir.baseVisual(BenchData.SYNTH)) : null) {
            for (int start = 0; start < synthCount; start += block * threads) {
                int first = start;
                List<List<float[][]>> parts = IntStream.range(0, threads).parallel().mapToObj(t -> {
                    int from = first + t * block;
                    int to = Math.min(synthCount, from + block);
                    Random rnd = new Random(seed * 1_000_003L + from);
                    List<float[][]> rows = new ArrayList<>();
                    for (int i = from; i < to; i++) {
                        rows.add(fit.drawAll(rnd));
                    }
                    return rows;
                }).toList();
                for (List<float[][]> p : parts) {
                    for (float[][] row : p) {
                        w.add(row[0]);
                        if (wv != null) {
                            wv.add(row[1]);
                        }
                    }
                }
                if ((start / (block * threads)) % 10 == 0) {
                    log.printf(Locale.ROOT, "drawing: %,d/%,d%n", w.rows(), synthCount);
                    log.flush();
                }
            }
        }
    }

    /**
     * What the fit is and how close its draws come to the real set: the top-1 and 10th-neighbour cosine of the
     * held-out images among the real vectors and among as many drawn ones.
     */
    private Map<String, Object> fitReport(ClusterFit fit, List<float[]> base, List<float[]> heldOut) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vectors", synthCount);
        m.put("method", "spherical k-means clusters of the real vectors; per cluster its weight, mean and empirical "
                + "covariance; a draw = normalize(mean + sum of " + ClusterFit.MIX + " random members' deviations "
                + "times N(0,1/" + ClusterFit.MIX + "))");
        m.put("clusters", fit.clusters().size());
        m.put("meanCosineToClusterCentre", fit.clusters().stream()
                .mapToDouble(c -> c.meanCosine() * c.members().length).sum() / base.size());
        VectorMatrix real = VectorMatrix.of(base);
        VectorMatrix drawn = Fvecs.readMatrix(new BenchData(out).base(BenchData.SYNTH), base.size());
        m.put("heldOutNeighbourCosine", Map.of(
                "real", neighbourCosines(real, heldOut),
                "drawn", neighbourCosines(drawn, heldOut),
                "note", "mean cosine of the held-out images' 1st and 10th neighbour among the " + base.size()
                        + " real vectors and among the first " + drawn.size() + " drawn ones"));
        return m;
    }

    private static Map<String, Double> neighbourCosines(VectorMatrix set, List<float[]> queries) {
        ExactScanner scanner = new ExactScanner(set);
        double first = 0;
        double tenth = 0;
        int n = Math.min(200, queries.size());
        for (int q = 0; q < n; q++) {
            List<ScoredOrdinal> top = scanner.topK(ResolvedQuery.sum(queries.get(q)), 10);
            first += top.get(0).score();
            tenth += top.get(top.size() - 1).score();
        }
        return Map.of("first", first / n, "tenth", tenth / n);
    }

    private static void writeQueries(BenchData dir, QueryKind kind, List<QuerySet.Query> qs) throws IOException {
        List<float[]> primary = new ArrayList<>();
        List<float[]> bases = new ArrayList<>();
        StringBuilder tsv = new StringBuilder("query\tterms\n");
        for (int i = 0; i < qs.size(); i++) {
            ResolvedQuery r = qs.get(i).resolved();
            if (r.measure() == dev.loupe.core.query.Measure.SUM) {
                primary.add(r.sumVector());
            } else {
                primary.add(r.direction());
                bases.add(r.base());
            }
            tsv.append(i).append('\t').append(qs.get(i).description()).append('\n');
        }
        Fvecs.write(dir.queryVectors(kind), primary);
        if (!bases.isEmpty()) {
            Fvecs.write(dir.queryBases(kind), bases);
        }
        Files.writeString(dir.queryText(kind), tsv, StandardCharsets.UTF_8);
    }
}
