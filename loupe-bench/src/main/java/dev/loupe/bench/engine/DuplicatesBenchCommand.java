package dev.loupe.bench.engine;

import dev.loupe.bench.data.Fvecs;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageIds;
import dev.loupe.core.Model;
import dev.loupe.core.ModelInfo;
import dev.loupe.core.Space;
import dev.loupe.engine.ModelLoader;
import dev.loupe.engine.SessionOptions;
import dev.loupe.engine.duplicates.CandidatePairs;
import dev.loupe.engine.duplicates.DuplicateFinder;
import dev.loupe.engine.duplicates.DuplicateProgress;
import dev.loupe.engine.duplicates.DuplicateRules;
import dev.loupe.index.LuceneBackend;
import dev.loupe.core.ImageIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * {@code loupe-bench duplicates}: the time of {@code loupe duplicates}' pair search (each image's kNN in the visual
 * space of the product's Lucene index) on N synthetic images: 1,000 clusters of vectors, and 1 % of the images
 * planted as near-copies (cosine about 0.97) of another, so the table also says how many of those the kNN finds.
 * The indexes are built once per size in the work folder (the product's documents and HNSW graphs, without files).
 */
@Command(name = "duplicates", mixinStandardHelpOptions = true,
        description = "Time the duplicate pair search (kNN of every image) on N synthetic indexed images.")
public final class DuplicatesBenchCommand implements Callable<Integer> {
    @Option(names = "--sizes", split = ",", defaultValue = "10000,100000",
            description = "Index sizes (default ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--threads", split = ",", defaultValue = "1,2",
            description = "Search threads to time (default ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = "--work", required = true, paramLabel = "DIR", description = "Folder for the vectors and indexes.")
    Path work;

    @Option(names = "--seed", defaultValue = "7", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter log = spec.commandLine().getErr();
        SessionOptions options = SessionOptions.fromEnvironment(System.getenv());
        ModelInfo info;
        try (Model model = new ModelLoader(options.home(), options.env()).open(ModelLoader.BUILTIN, 1,
                options.downloads())) {
            info = model.info();
        }
        DuplicateRules rules = DuplicateRules.DEFAULT;
        out.printf(Locale.ROOT, "rules: %s%n%n", rules);
        out.println("| vectors | threads | pair search s | images/s | candidate pairs | planted pairs found | load before |");
        out.println("|---:|---:|---:|---:|---:|---:|---|");
        out.flush();
        for (int size : sizes) {
            Path dir = work.resolve("dups-" + size);
            List<int[]> planted = draw(dir, info, size);
            Path index = dir.resolve("index");
            if (!Files.isDirectory(index)) {
                log.printf(Locale.ROOT, "building the index of %,d images…%n", size);
                log.flush();
                EngineIndex.build(index, info, dir.resolve("semantic.fvecs"), dir.resolve("visual.fvecs"), size, log);
            }
            try (ImageIndex idx = new LuceneBackend(index).openForReading(info)) {
                List<String> ids = new ArrayList<>();
                idx.forEach(ImageFilter.NONE, java.util.Set.of(), (r, v) -> ids.add(r.id()));
                for (int t : threads) {
                    String load = EngineBenchCommand.loadAverage();
                    long t0 = System.nanoTime();
                    Map<CandidatePairs.Pair, Float> pairs = new CandidatePairs(idx,
                            DuplicateFinder.visualSpace(info), t).find(ids, ImageFilter.NONE, rules.neighbours(),
                            rules.floor(), DuplicateProgress.NONE);
                    double s = (System.nanoTime() - t0) / 1e9;
                    long found = planted.stream().filter(p -> pairs.containsKey(CandidatePairs.Pair.of(
                            ImageIds.forPath(EngineIndex.path(p[0])), ImageIds.forPath(EngineIndex.path(p[1])))))
                            .count();
                    out.printf(Locale.ROOT, "| %,d | %d | %.1f | %,.0f | %,d | %d / %d | %s |%n", size, t, s,
                            size / s, pairs.size(), found, planted.size(), load);
                    out.flush();
                }
            }
        }
        return 0;
    }

    /** Writes the synthetic vectors (once) and returns the planted pairs (copy, original). */
    private List<int[]> draw(Path dir, ModelInfo info, int size) throws IOException {
        Random random = new Random(seed);
        int vd = info.space(Space.VISUAL).dimension();
        int sd = info.space(Space.SEMANTIC).dimension();
        float[][] centres = new float[1000][];
        for (int c = 0; c < centres.length; c++) {
            centres[c] = gaussian(random, vd, 1);
        }
        List<int[]> planted = new ArrayList<>();
        boolean write = !Files.isRegularFile(dir.resolve("visual.fvecs"));
        List<float[]> visual = new ArrayList<>();
        try (Fvecs.Writer vis = write ? new Fvecs.Writer(dir.resolve("visual.fvecs")) : null;
             Fvecs.Writer sem = write ? new Fvecs.Writer(dir.resolve("semantic.fvecs")) : null) {
            for (int i = 0; i < size; i++) {
                float[] v;
                if (i > 0 && random.nextInt(100) == 0) {
                    int original = random.nextInt(i);
                    planted.add(new int[]{i, original});
                    v = mix(visual.get(original), gaussian(random, vd, 1), 0.25f);
                } else {
                    v = mix(centres[random.nextInt(centres.length)], gaussian(random, vd, 1), 1.0f);
                }
                visual.add(v);
                float[] s = gaussian(random, sd, 1);
                if (write) {
                    vis.add(v);
                    sem.add(normalise(s));
                }
            }
        }
        return planted;
    }

    private static float[] gaussian(Random r, int d, double scale) {
        float[] v = new float[d];
        for (int i = 0; i < d; i++) {
            v[i] = (float) (r.nextGaussian() * scale);
        }
        return normalise(v);
    }

    private static float[] mix(float[] base, float[] noise, float w) {
        float[] v = new float[base.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = base[i] + w * noise[i];
        }
        return normalise(v);
    }

    private static float[] normalise(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        float inv = (float) (1 / Math.sqrt(n));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }
}
