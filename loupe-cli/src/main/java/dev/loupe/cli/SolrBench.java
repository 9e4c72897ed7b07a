package dev.loupe.cli;

import dev.loupe.core.Hit;
import dev.loupe.core.ImageIds;
import dev.loupe.core.ImageIndex;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.IndexBackend;
import dev.loupe.core.Model;
import dev.loupe.core.ModelInfo;
import dev.loupe.core.Space;
import dev.loupe.core.Vectors;
import dev.loupe.core.WritableImageIndex;
import dev.loupe.core.query.Measure;
import dev.loupe.core.query.ProbeSettings;
import dev.loupe.core.query.QueryExpr;
import dev.loupe.engine.search.QueryImages;
import dev.loupe.engine.search.SearchEngine;
import dev.loupe.engine.search.SearchRequest;
import dev.loupe.models.image.ImageDecoder;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The scale-out benchmark behind {@code loupe bench solr}: the same synthetic embeddings (clustered unit vectors, as
 * real embeddings are) written into each backend, then the same text and analogy queries through the engine's
 * planner with the approximate path (kNN probes, client-side re-score), timed, and compared with the exact answer.
 * Text queries are vectors near a cluster centre; an analogy goes from an indexed image, minus its cluster's "text",
 * plus another cluster's, with the DIFF measure. One space (the builtin model's 384-d semantic space): both query
 * kinds live there.
 */
final class SolrBench {
    static final String SPACE = Space.SEMANTIC;

    record Settings(int vectors, int dimension, int clusters, int queries, int warmup, long seed) {
    }

    /** One backend's row of the table. */
    record Row(String backend, double indexSeconds, double docsPerSecond, double textP50, double textP99,
               double textRecall, double analogyP50, double analogyP99, double analogyRecall) {
    }

    private final Settings s;
    private final ModelInfo model;
    private final float[][] data;
    private final float[][] centres;
    private final int[] clusterOf;
    private final Map<String, float[]> texts = new LinkedHashMap<>();
    private final List<SearchRequest> textQueries = new ArrayList<>();
    private final List<SearchRequest> analogyQueries = new ArrayList<>();

    SolrBench(Settings s) {
        this.s = s;
        this.model = new ModelInfo("bench-synthetic", s.dimension() + "d", List.of(new Space(SPACE, s.dimension())), SPACE);
        Random r = new Random(s.seed());
        centres = new float[s.clusters()][];
        for (int c = 0; c < s.clusters(); c++) {
            centres[c] = gaussian(r, 1f);
            texts.put("t" + c, Vectors.normalize(add(centres[c], gaussian(r, 0.5f))));
        }
        data = new float[s.vectors()][];
        clusterOf = new int[s.vectors()];
        for (int i = 0; i < s.vectors(); i++) {
            int c = r.nextInt(s.clusters());
            clusterOf[i] = c;
            data[i] = Vectors.normalize(add(centres[c], gaussian(r, 0.6f)));
        }
        for (int q = 0; q < s.queries() + s.warmup(); q++) {
            textQueries.add(SearchRequest.of(QueryExpr.text("t" + r.nextInt(s.clusters())), 10));
            int base = r.nextInt(s.vectors());
            int to = r.nextInt(s.clusters());
            analogyQueries.add(SearchRequest.of(QueryExpr.imageId(id(base)).minus("t" + clusterOf[base])
                    .plus("t" + to).withMeasure(Measure.DIFF), 10));
        }
    }

    private float[] gaussian(Random r, float sigma) {
        float[] v = new float[s.dimension()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextGaussian() * sigma / Math.sqrt(s.dimension()));
        }
        return v;
    }

    private static float[] add(float[] a, float[] b) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }

    private static String path(int i) {
        return String.format("/bench/%06d.jpg", i);
    }

    private static String id(int i) {
        return ImageIds.forPath(path(i));
    }

    ModelInfo model() {
        return model;
    }

    /** Writes every vector into {@code backend} (rebuilt), commits, and returns the seconds it took. */
    double fill(IndexBackend backend, Consumer<Integer> progress) {
        long t0 = System.nanoTime();
        try (WritableImageIndex index = backend.openForWriting(model, true)) {
            for (int i = 0; i < data.length; i++) {
                String p = path(i);
                index.upsert(new ImageRecord(ImageIds.forPath(p), p, 100_000 + i, 1_700_000_000_000L + i, "h" + i,
                        640, 480, -1), new ImageVectors(Map.of(SPACE, data[i])));
                if (i % 10_000 == 9_999) {
                    progress.accept(i + 1);
                }
            }
            index.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The exact top 10 of every query, by a full scan (the same on every backend). */
    List<List<String>> exact(ImageIndex index, List<SearchRequest> queries) {
        SearchEngine engine = engine(index);
        return queries.stream().map(q -> ids(engine.search(q.withExact(true)).hits())).toList();
    }

    List<SearchRequest> textQueries() {
        return textQueries;
    }

    List<SearchRequest> analogyQueries() {
        return analogyQueries;
    }

    /** Latencies (ms) of the approximate path after the warm-up queries, and recall@10 against {@code exact}. */
    double[] measure(ImageIndex index, List<SearchRequest> queries, List<List<String>> exact) {
        SearchEngine engine = engine(index);
        double[] ms = new double[s.queries()];
        double recall = 0;
        for (int q = 0; q < queries.size(); q++) {
            long t0 = System.nanoTime();
            List<String> got = ids(engine.search(queries.get(q)).hits());
            double took = (System.nanoTime() - t0) / 1e6;
            if (q >= s.warmup()) {
                ms[q - s.warmup()] = took;
                Set<String> truth = new HashSet<>(exact.get(q));
                recall += got.stream().filter(truth::contains).count() / (double) Math.max(1, truth.size());
            }
        }
        Arrays.sort(ms);
        return new double[] {percentile(ms, 0.50), percentile(ms, 0.99), recall / s.queries()};
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static List<String> ids(List<Hit> hits) {
        return hits.stream().map(Hit::id).toList();
    }

    /** The planner over {@code index} with the approximate path always (exactUpTo 0), as on a large collection. */
    private SearchEngine engine(ImageIndex index) {
        Model m = new TextTable();
        return new SearchEngine(m, index, new QueryImages(m, index, new ImageDecoder()), ProbeSettings.DEFAULT, 0);
    }

    /** A "model" that knows only the bench's texts: text queries become the bench's synthetic text vectors. */
    private final class TextTable implements Model {
        @Override
        public ModelInfo info() {
            return model;
        }

        @Override
        public List<ImageVectors> encodeImages(List<BufferedImage> images) {
            throw new UnsupportedOperationException("the bench queries indexed images by id only");
        }

        @Override
        public List<float[]> encodeTexts(List<String> list) {
            return list.stream().map(t -> {
                float[] v = texts.get(t);
                if (v == null) {
                    throw new IllegalArgumentException("no bench text '" + t + "'");
                }
                return v;
            }).toList();
        }

        @Override
        public List<String> defaultTagVocabulary() {
            return List.copyOf(texts.keySet());
        }

        @Override
        public void close() {
        }
    }
}
