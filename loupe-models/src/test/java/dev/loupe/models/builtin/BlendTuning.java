package dev.loupe.models.builtin;

import dev.loupe.core.Vectors;
import dev.loupe.datasets.FashionMnist;
import dev.loupe.models.onnx.OnnxGraphEdit;
import dev.loupe.models.tags.Conse;
import dev.loupe.models.text.EmbeddingCache;
import dev.loupe.models.text.SentenceEncoder;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the image-to-image blend weight w of {@code score = w cos(visual) + (1 - w) cos(semantic)}: precision@10
 * of same-class neighbours among the first N Fashion-MNIST test images (default 2000, {@code -Dn=}), and, as a
 * sanity check on real photos, whether an altered copy of each shared photo (mirrored, cropped to 60%, darkened,
 * turned grey) finds its original first among the 21. The visual vector is the L2-normalised 1280-d pooled MobileNetV2 feature
 * (the model edited by {@link OnnxGraphEdit#exposePooled}); the semantic vector is {@link BuiltinRecipe#DEFAULT}'s.
 *
 * <p>Run like {@link ConseTuning}, with main class {@code dev.loupe.models.builtin.BlendTuning}.
 */
public class BlendTuning {
    public static void main(String[] args) throws Exception {
        Path shared = QualityFixture.shared();
        int n = Integer.getInteger("n", 2000);
        BuiltinRecipe recipe = BuiltinRecipe.DEFAULT;
        Path model = Files.createTempFile("mobilenet-pooled", ".onnx");
        Files.write(model, OnnxGraphEdit.exposePooled(
                Files.readAllBytes(shared.resolve("models/mobilenetv2-12-int8.onnx")), "627", "pooled"));
        EmbeddingCache cache = new EmbeddingCache(Path.of(System.getProperty("loupe.tuning.cache",
                "/tmp/loupe-tuning-cache")));
        List<String> labels = QualityFixture.labels(shared);
        float[][] classes;
        try (SentenceEncoder text = SentenceEncoder.open(recipe.textEncoder(), 2)) {
            classes = ConseTuning.classEmbeddings(cache, text, labels, recipe.templates());
        }
        Conse conse = new Conse(classes, recipe.topK(), recipe.temperature());
        FashionMnist data = FashionMnist.read(shared.resolve("datasets/fashion-mnist"), false, n);
        List<float[]> visual = new ArrayList<>();
        List<float[]> semantic = new ArrayList<>();
        List<float[]> photoVisual = new ArrayList<>();
        List<float[]> photoSemantic = new ArrayList<>();
        List<float[]> alteredVisual = new ArrayList<>();
        List<float[]> alteredSemantic = new ArrayList<>();
        try (MobileNetEncoder enc = new MobileNetEncoder(model, "pooled", 2)) {
            long t0 = System.nanoTime();
            for (int from = 0; from < data.size(); from += 16) {
                List<BufferedImage> batch = new ArrayList<>();
                for (int i = from; i < Math.min(data.size(), from + 16); i++) {
                    batch.add(recipe.view().prepare(data.gray(i)));
                }
                for (MobileNetEncoder.Output o : enc.encode(batch)) {
                    visual.add(Vectors.normalize(o.pooled()));
                    semantic.add(conse.embed(o.logits()));
                }
            }
            System.out.printf("encoded %d Fashion-MNIST images in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
            for (QualityFixture.Photo p : QualityFixture.photos(shared)) {
                BufferedImage img = QualityFixture.read(shared, p);
                for (boolean altered : new boolean[]{false, true}) {
                    MobileNetEncoder.Output o = enc.encode(List.of(recipe.view().prepare(altered ? alter(img) : img))).get(0);
                    (altered ? alteredVisual : photoVisual).add(Vectors.normalize(o.pooled()));
                    (altered ? alteredSemantic : photoSemantic).add(conse.embed(o.logits()));
                }
            }
        } finally {
            Files.deleteIfExists(model);
        }
        System.out.println("## image -> image blend: score = w cos(visual) + (1-w) cos(semantic)");
        System.out.printf("%4s | %-24s | %-24s | %s%n", "w", "Fashion-MNIST P@10 (n=" + n + ")", "Fashion-MNIST P@1",
                "photos: altered copy -> original R@1 (MRR)");
        for (int step = 0; step <= 10; step++) {
            float w = step / 10f;
            double[] p = precision(visual, semantic, data.labels(), w);
            double[] r = alteredRecall(photoVisual, photoSemantic, alteredVisual, alteredSemantic, w);
            System.out.printf("%4.1f | %-24.3f | %-24.3f | %2.0f/21 (%.3f)%n", w, p[0], p[1], r[0], r[1]);
        }
    }

    /** Mean precision@10 and precision@1 of same-label neighbours, each image querying all others. */
    static double[] precision(List<float[]> visual, List<float[]> semantic, int[] labels, float w) {
        int n = visual.size();
        double p10 = 0;
        double p1 = 0;
        float[] scores = new float[n];
        for (int q = 0; q < n; q++) {
            for (int i = 0; i < n; i++) {
                scores[i] = i == q ? Float.NEGATIVE_INFINITY
                        : w * Vectors.dot(visual.get(q), visual.get(i)) + (1 - w) * Vectors.dot(semantic.get(q), semantic.get(i));
            }
            int[] top = Conse.topIndices(scores, 10);
            int same = 0;
            for (int i : top) {
                same += labels[i] == labels[q] ? 1 : 0;
            }
            p10 += same / 10.0;
            p1 += labels[top[0]] == labels[q] ? 1 : 0;
        }
        return new double[]{p10 / n, p1 / n};
    }

    static double[] alteredRecall(List<float[]> v, List<float[]> s, List<float[]> av, List<float[]> as, float w) {
        int hits = 0;
        double mrr = 0;
        for (int q = 0; q < av.size(); q++) {
            float target = w * Vectors.dot(av.get(q), v.get(q)) + (1 - w) * Vectors.dot(as.get(q), s.get(q));
            int rank = 1;
            for (int i = 0; i < v.size(); i++) {
                if (i != q && w * Vectors.dot(av.get(q), v.get(i)) + (1 - w) * Vectors.dot(as.get(q), s.get(i)) >= target) {
                    rank++;
                }
            }
            hits += rank == 1 ? 1 : 0;
            mrr += 1.0 / rank;
        }
        return new double[]{hits, mrr / av.size()};
    }

    /** Mirrored, the central 60% kept, 25% darker, grey: a re-framed, re-edited copy of a photo. */
    static BufferedImage alter(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int cw = w * 6 / 10;
        int ch = h * 6 / 10;
        int x0 = (w - cw) / 2;
        int y0 = (h - ch) / 2;
        BufferedImage out = new BufferedImage(cw, ch, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(img, 0, 0, cw, ch, x0 + cw, y0, x0, y0 + ch, null);
        } finally {
            g.dispose();
        }
        for (int y = 0; y < ch; y++) {
            for (int x = 0; x < cw; x++) {
                int p = out.getRGB(x, y);
                int grey = (((p >> 16) & 0xff) * 299 + ((p >> 8) & 0xff) * 587 + (p & 0xff) * 114) / 1000 * 3 / 4;
                out.setRGB(x, y, (grey << 16) | (grey << 8) | grey);
            }
        }
        return out;
    }
}
