package dev.loupe.bench.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.bench.data.BenchData;
import dev.loupe.bench.data.FashionVectors;
import dev.loupe.bench.data.TextQueries;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.Model;
import dev.loupe.core.query.Measure;
import dev.loupe.core.query.QueryExpr;
import dev.loupe.core.query.Term;
import dev.loupe.core.query.VectorSupport;
import dev.loupe.engine.Loupe;
import dev.loupe.engine.ModelLoader;
import dev.loupe.engine.SessionOptions;
import dev.loupe.engine.search.SearchRequest;
import dev.loupe.index.LuceneBackend;
import dev.loupe.models.image.DecodeOptions;
import dev.loupe.models.image.ImageDecoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;

/**
 * {@code loupe-bench engine}: end-to-end latency through the engine's one search API ({@link Loupe#search}) on a
 * product index of drawn images, warm JVM, one thread: text queries (encoding included), similar (an indexed
 * image: the visual+semantic blend), analogies (sum and diff) and composed queries, each without and with a filter
 * that 1 % of the images pass (one of 100 folders).
 */
@Command(name = "engine", mixinStandardHelpOptions = true,
        description = "End-to-end query latency through the engine on an index of N drawn images.")
public final class EngineBenchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "The folder 'loupe-bench vectors' wrote.")
    Path data;

    @Option(names = "--size", required = true, description = "Images in the index (drawn rows 0..N-1).")
    int size;

    @Option(names = "--index", paramLabel = "DIR", description = "The bench's engine index (default DATA/indexes/engine-N); built when missing.")
    Path indexDir;

    @Option(names = "--rebuild", description = "Build the index again even when it exists.")
    boolean rebuild;

    @Option(names = "--queries", defaultValue = "1000", description = "Queries per kind and filter (default ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--kinds", split = ",", defaultValue = "text,similar,analogy-sum,analogy-diff,composed",
            description = "Query kinds (default ${DEFAULT-VALUE}).")
    List<String> kinds;

    @Option(names = "--filter", split = ",", defaultValue = "none,folder",
            description = "Without filter (none) and with the 1 %% folder filter (folder) (default ${DEFAULT-VALUE}).")
    List<String> filters;

    @Option(names = "--warm-up", defaultValue = "200", description = "Unmeasured queries per kind and filter first (default ${DEFAULT-VALUE}).")
    int warmUp;

    @Option(names = "--exact", description = "Ask for the exact scan (the planner does that by itself up to 10,000 images).")
    boolean exact;

    @Option(names = "--labels", description = "Give the drawn images model labels: the nouns the bench's texts name "
            + "(e.g. trouser, sandal), each with a probability from a softmax of the image's standardised cosines "
            + "to them, stored from 0.05 up, so that queries naming them take the label plan as on a real "
            + "collection. The index is DATA/indexes/engine-N-labels.")
    boolean labels;

    @Option(names = "--json", description = "One JSON object on stdout instead of the table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter log = spec.commandLine().getErr();
        BenchData dir = new BenchData(data);
        Path index = indexDir != null ? indexDir
                : data.resolve("indexes").resolve("engine-" + size + (labels ? "-labels" : ""));
        SessionOptions options = SessionOptions.fromEnvironment(System.getenv()).withThreads(1);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("images", size);
        out.put("simd", VectorSupport.kernelName());
        out.put("loadBefore", loadAverage());
        Model model = new ModelLoader(options.home(), options.env()).open(ModelLoader.BUILTIN, 1, options.downloads());
        Loupe loupe;
        try {
            Path stamp = index.resolve("loupe-bench-build.json");
            if (rebuild || !Files.isRegularFile(stamp) || JSON.readTree(stamp.toFile()).path("images").asInt() != size) {
                log.printf(Locale.ROOT, "building the engine index of %,d images in %s...%n", size, index);
                log.flush();
                double seconds = EngineIndex.build(index, model.info(), dir.base(BenchData.SYNTH),
                        dir.baseVisual(BenchData.SYNTH), size, labels ? labeller(model, dir) : v -> Map.of(), log);
                Files.createDirectories(index);
                JSON.writeValue(stamp.toFile(), Map.of("images", size, "buildSeconds", seconds));
            }
            out.put("build", JSON.readTree(stamp.toFile()));
            out.put("indexBytesPerImage", folderBytes(index) / (double) size);
            loupe = new Loupe(options, model, new LuceneBackend(index).openForReading(model.info()),
                    new ImageDecoder(DecodeOptions.defaults()));
        } catch (RuntimeException | java.io.IOException e) {
            model.close();
            throw e;
        }
        try (loupe) { // the session owns the model from here on
            List<String> texts = Files.readAllLines(dir.texts(), StandardCharsets.UTF_8);
            List<LatencyRun.Row> rows = new ArrayList<>();
            for (String f : filters) {
                for (String kind : kinds) {
                    IntFunction<SearchRequest> request = requests(kind, texts, f);
                    // warm-up: the first distinct queries, not measured (and not repeated below for texts)
                    LatencyRun.Row row = LatencyRun.run(loupe, kind, f, request, warmUp, queries);
                    rows.add(row);
                    log.printf(Locale.ROOT, "%s/%s: %s p50 %.1f ms p99 %.1f ms (CPU p50 %.1f p99 %.1f)%n", kind, f,
                            row.plans(), row.p50Ms(), row.p99Ms(), row.cpuP50Ms(), row.cpuP99Ms());
                    log.flush();
                }
            }
            out.put("rows", rows);
        }
        out.put("loadAfter", loadAverage());
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(JSON.writeValueAsString(out));
        } else {
            o.println(LatencyRun.table(size, out));
        }
        o.flush();
        return 0;
    }

    /** The i-th request of a kind; texts beyond the warm-up are new to the encoder, ids are random indexed images. */
    private IntFunction<SearchRequest> requests(String kind, List<String> texts, String filter) {
        Random rnd = new Random(kind.hashCode() * 31L + filter.hashCode());
        int[] images = rnd.ints((long) queries + warmUp, 0, size).toArray();
        ImageFilter f = switch (filter) {
            case "none" -> ImageFilter.NONE;
            case "folder" -> ImageFilter.NONE.inFolder(EngineIndex.folder(7));
            default -> throw new IllegalArgumentException("unknown --filter '" + filter + "'; use none or folder");
        };
        List<String> words = FashionVectors.WORDS;
        return i -> {
            String id = dev.loupe.core.ImageIds.forPath(EngineIndex.path(images[i]));
            int from = images[i] % words.size();
            String a = words.get(from);
            String b = words.get((from + 1 + (images[i] / words.size()) % (words.size() - 1)) % words.size());
            QueryExpr expr = switch (kind) {
                // the warm-up's texts are not the measured ones: the encoder gets no second look at a text
                case "text" -> QueryExpr.text(i < warmUp ? "warm-up text " + i : texts.get((i - warmUp) % texts.size()));
                case "similar" -> QueryExpr.imageId(id);
                case "analogy-sum", "analogy-diff" -> new QueryExpr(List.of(
                        Term.of(Term.Kind.IMAGE_ID, id, Term.Role.BASE), Term.of(Term.Kind.TEXT, a, Term.Role.MINUS),
                        Term.of(Term.Kind.TEXT, b, Term.Role.PLUS)),
                        kind.equals("analogy-sum") ? Measure.SUM : Measure.DIFF);
                case "composed" -> QueryExpr.imageId(id).plus(TextQueries.MODIFIERS.get(i % TextQueries.MODIFIERS.size()));
                default -> throw new IllegalArgumentException("unknown kind '" + kind + "'; use text, similar, "
                        + "analogy-sum, analogy-diff or composed");
            };
            return SearchRequest.of(expr, 10).withFilter(f).withExact(exact);
        };
    }

    /**
     * Model labels for a drawn image: the texts' nouns by a softmax of its cosines to them, each cosine standardised
     * by that noun's mean and deviation over the first 5,000 images (a few nouns, "camera", lie near every vector;
     * unstandardised they would label them all); see --labels.
     */
    private static java.util.function.Function<float[], Map<String, Float>> labeller(Model model, BenchData dir)
            throws java.io.IOException {
        java.util.Set<String> nouns = new java.util.TreeSet<>();
        for (String t : Files.readAllLines(dir.texts(), StandardCharsets.UTF_8)) {
            model.namedLabels(t).ifPresent(n -> nouns.addAll(n.labels()));
        }
        List<String> names = List.copyOf(nouns);
        List<float[]> embedded = model.encodeTexts(names);
        List<float[]> sample = new ArrayList<>();
        dev.loupe.bench.data.Fvecs.forEach(dir.base(BenchData.SYNTH), 0, 5_000, sample::add);
        double[] mean = new double[names.size()];
        double[] sd = new double[names.size()];
        for (int i = 0; i < names.size(); i++) {
            double s = 0;
            double ss = 0;
            for (float[] v : sample) {
                double c = dev.loupe.core.Vectors.dot(v, embedded.get(i));
                s += c;
                ss += c * c;
            }
            mean[i] = s / sample.size();
            sd[i] = Math.sqrt(Math.max(1e-12, ss / sample.size() - mean[i] * mean[i]));
        }
        return v -> {
            double[] e = new double[names.size()];
            double sum = 0;
            for (int i = 0; i < e.length; i++) {
                e[i] = Math.exp((dev.loupe.core.Vectors.dot(v, embedded.get(i)) - mean[i]) / sd[i]);
                sum += e[i];
            }
            Map<String, Float> out = new java.util.HashMap<>();
            for (int i = 0; i < e.length; i++) {
                if (e[i] / sum >= 0.05) {
                    out.put(names.get(i), (float) (e[i] / sum));
                }
            }
            return out;
        };
    }

    private static long folderBytes(Path dir) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
