package dev.loupe.models.builtin;

import dev.loupe.core.Vectors;
import dev.loupe.models.tags.Conse;
import dev.loupe.models.text.EmbeddingCache;
import dev.loupe.models.text.SentenceEncoder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Probe: does a ConSE space built from both sentence encoders (the two spaces concatenated, each weighted) retrieve
 * captions better than BGE's alone, and does wrapping the caption in a template ("a photo of %s.") help? Prints caption-to-photo R@1/R@5 on the originals, mean R@1 and mean MRR over
 * the four variants and the short queries, like ConseTuning. Run like ConseTuning (docs/quality.md).
 */
public final class EnsembleProbe {
    private EnsembleProbe() {
    }

    /** One encoder's part of an ensemble. */
    record Part(SentenceEncoder.Kind kind, String prompts, int k, float t, float weight) {
        @Override
        public String toString() {
            return String.format("%s/%s/k%d/T%.0f*%.2f", kind == SentenceEncoder.Kind.BGE_SMALL ? "bge" : "minilm",
                    prompts, k, t, weight);
        }
    }

    public static void main(String[] args) throws Exception {
        Path shared = QualityFixture.shared();
        EmbeddingCache cache = ConseTuning.tuningCache();
        List<String> labels = QualityFixture.labels(shared);
        List<QualityFixture.Photo> photos = QualityFixture.photos(shared);
        Map<String, List<float[]>> logits = ConseTuning.viewLogits(shared, photos).get(ImageView.FULL);
        List<String> captions = photos.stream().map(QualityFixture.Photo::caption).toList();
        Map<SentenceEncoder.Kind, List<float[]>> queries = new EnumMap<>(SentenceEncoder.Kind.class);
        Map<SentenceEncoder.Kind, List<float[]>> shortQueries = new EnumMap<>(SentenceEncoder.Kind.class);
        Map<String, float[][]> classes = new java.util.HashMap<>();
        for (SentenceEncoder.Kind kind : SentenceEncoder.Kind.values()) {
            try (SentenceEncoder text = SentenceEncoder.open(kind, 2)) {
                queries.put(kind, text.encode(captions));
                shortQueries.put(kind, text.encode(ConseTuning.SHORT_QUERIES));
                for (var p : ConseTuning.PROMPTS.entrySet()) {
                    classes.put(kind + p.getKey(), ConseTuning.classEmbeddings(cache, text, labels, p.getValue()));
                }
            }
        }
        var bge = SentenceEncoder.Kind.BGE_SMALL;
        report(List.of(new Part(bge, "photo", 100, 3, 1)), photos, logits, queries, shortQueries, classes);
        System.out.println("## both encoders: BGE's default space and MiniLM's, concatenated with weights 1-w and w");
        var mini = SentenceEncoder.Kind.MINILM;
        for (float w : new float[]{0.3f, 0.5f, 0.7f}) {
            for (String prompts : List.of("photo", "label+photo", "clip5")) {
                for (int k : new int[]{10, 100}) {
                    for (float t : new float[]{2, 3}) {
                        report(List.of(new Part(bge, "photo", 100, 3, 1 - w), new Part(mini, prompts, k, t, w)),
                                photos, logits, queries, shortQueries, classes);
                    }
                }
            }
        }
        System.out.println("## BGE alone, the caption wrapped in a template before it is embedded");
        for (String template : List.of("a photo of %s.", "a photo of %s", "%s.", "an image of %s.")) {
            try (SentenceEncoder text = SentenceEncoder.open(bge, 2)) {
                Map<SentenceEncoder.Kind, List<float[]>> q = Map.of(bge,
                        text.encode(captions.stream().map(c -> template.formatted(c)).toList()));
                Map<SentenceEncoder.Kind, List<float[]>> sq = Map.of(bge,
                        text.encode(ConseTuning.SHORT_QUERIES.stream().map(c -> template.formatted(c)).toList()));
                System.out.println("query template: " + template);
                for (String prompts : List.of("photo", "clip5")) {
                    for (int k : new int[]{10, 100}) {
                        for (float t : new float[]{2, 3, 5}) {
                            report(List.of(new Part(bge, prompts, k, t, 1)), photos, logits, q, sq, classes);
                        }
                    }
                }
            }
        }
    }

    static float[] embed(List<Part> parts, Map<String, float[][]> classes, float[] logits) {
        List<float[]> pieces = new ArrayList<>();
        for (Part p : parts) {
            float[] v = new Conse(classes.get(p.kind() + p.prompts()), p.k(), p.t()).embed(logits);
            pieces.add(Vectors.scale(v, (float) Math.sqrt(p.weight())));
        }
        return Vectors.concat(pieces.toArray(float[][]::new));
    }

    static float[] query(List<Part> parts, Map<SentenceEncoder.Kind, List<float[]>> queries, int q) {
        List<float[]> pieces = new ArrayList<>();
        for (Part p : parts) {
            pieces.add(Vectors.scale(queries.get(p.kind()).get(q), (float) Math.sqrt(p.weight())));
        }
        return Vectors.concat(pieces.toArray(float[][]::new));
    }

    static void report(List<Part> parts, List<QualityFixture.Photo> photos, Map<String, List<float[]>> logits,
                       Map<SentenceEncoder.Kind, List<float[]>> queries,
                       Map<SentenceEncoder.Kind, List<float[]>> shortQueries, Map<String, float[][]> classes) {
        List<float[]> qs = new ArrayList<>();
        for (int q = 0; q < photos.size(); q++) {
            qs.add(query(parts, queries, q));
        }
        double r1 = 0;
        double mrr = 0;
        String original = "";
        for (String variant : logits.keySet()) {
            List<float[]> images = new ArrayList<>();
            for (float[] l : logits.get(variant)) {
                images.add(embed(parts, classes, l));
            }
            QualityFixture.Recall r = QualityFixture.recall(images, qs);
            r1 += r.r1();
            mrr += r.mrr();
            if (variant.equals("original")) {
                int shortHits = 0;
                for (int q = 0; q < ConseTuning.SHORT_QUERIES.size(); q++) {
                    int best = QualityFixture.best(images, query(parts, shortQueries, q));
                    shortHits += photos.get(best).file().equals(ConseTuning.SHORT_TARGETS.get(q)) ? 1 : 0;
                }
                original = String.format("short %d/3 R@1 %2d R@5 %2d  %s", shortHits, r.r1(), r.r5(),
                        r.misses(photos, images, qs));
            }
        }
        System.out.printf("%-60s mean R@1 %5.2f MRR %.3f  %s%n", parts, r1 / 4, mrr / 4, original);
    }
}
