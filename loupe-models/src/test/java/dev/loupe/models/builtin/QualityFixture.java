package dev.loupe.models.builtin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.Vectors;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The shared photos with their captions, and the retrieval measures docs/quality.md reports. Test scope only. */
final class QualityFixture {
    record Photo(String file, String caption, List<String> tags) {
    }

    /** Caption-to-photo retrieval over a gallery: R@1, R@5, mean reciprocal rank, and each query's rank (1 = hit). */
    record Recall(int r1, int r5, double mrr, int[] ranks) {
        String misses(List<Photo> photos, List<float[]> images, List<float[]> queries) {
            StringBuilder sb = new StringBuilder();
            for (int q = 0; q < ranks.length; q++) {
                if (ranks[q] > 1) {
                    sb.append(stem(photos.get(q).file())).append("->")
                            .append(stem(photos.get(best(images, queries.get(q))).file()))
                            .append('(').append(ranks[q]).append(") ");
                }
            }
            return sb.toString().strip();
        }
    }

    private QualityFixture() {
    }

    static Path shared() {
        return Path.of(System.getProperty("loupe.shared", "../shared"));
    }

    static List<String> labels(Path shared) throws IOException {
        return Arrays.asList(new ObjectMapper().readValue(
                shared.resolve("models/imagenet-simple-labels.json").toFile(), String[].class));
    }

    /**
     * What the hierarchy tuning programs start from: the shared folder, the tuning cache, the class labels, the 21
     * photos, WordNet and the hierarchy of the 1000 classes as the shared synset list places them.
     */
    record Tuning(Path shared, dev.loupe.models.text.EmbeddingCache cache, List<String> labels, List<Photo> photos,
                  dev.loupe.models.wordnet.WordNet wordNet, BuiltinHierarchy hierarchy) {
        static Tuning load() throws IOException {
            Path shared = QualityFixture.shared();
            List<String> labels = QualityFixture.labels(shared);
            var wordNet = dev.loupe.models.wordnet.WordNet.load();
            var synsets = dev.loupe.models.wordnet.ImagenetSynsets.read(shared.resolve("models/imagenet-synsets.txt"),
                    labels.size());
            return new Tuning(shared, ConseTuning.tuningCache(), labels, QualityFixture.photos(shared), wordNet,
                    new BuiltinHierarchy(
                            dev.loupe.models.wordnet.ClassHierarchy.build(wordNet, synsets.wnids()), labels));
        }
    }

    static List<Photo> photos(Path shared) throws IOException {
        List<String> lines = Files.readAllLines(shared.resolve("photos/captions.tsv"));
        List<Photo> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            out.add(new Photo(f[0], f[1], List.of(f[2].split(","))));
        }
        return out;
    }

    static BufferedImage read(Path shared, Photo photo) throws IOException {
        Path file = shared.resolve("photos").resolve(photo.file());
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new IOException(file + ": no ImageIO reader for this file");
        }
        return img;
    }

    /**
     * Variants of a photo that should not change what it shows — the original, its mirror, a copy shrunk to 70%
     * (area averaging), and the mirrored shrunk copy. Retrieval measured over all four is less at the mercy of
     * resampling noise than over the originals alone: on 21 photos a recipe's R@1 moves by 2-4 between variants.
     */
    static Map<String, BufferedImage> variants(BufferedImage img) {
        BufferedImage shrunk = shrink(img, 0.7);
        Map<String, BufferedImage> out = new LinkedHashMap<>();
        out.put("original", img);
        out.put("mirrored", ImageView.mirror(img));
        out.put("shrunk", shrunk);
        out.put("mirrored+shrunk", ImageView.mirror(shrunk));
        return out;
    }

    /** The variant whose mirror is {@code variant} (for mirror test-time augmentation). */
    static String mirrorOf(String variant) {
        return switch (variant) {
            case "original" -> "mirrored";
            case "mirrored" -> "original";
            case "shrunk" -> "mirrored+shrunk";
            case "mirrored+shrunk" -> "shrunk";
            default -> throw new IllegalArgumentException(variant);
        };
    }

    static BufferedImage shrink(BufferedImage img, double f) {
        int w = Math.max(1, (int) Math.round(img.getWidth() * f));
        int h = Math.max(1, (int) Math.round(img.getHeight() * f));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(img.getScaledInstance(w, h, Image.SCALE_AREA_AVERAGING), 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Logits of every photo as the classifier sees it through {@code view}. */
    static List<float[]> logits(MobileNetEncoder encoder, Path shared, List<Photo> photos, ImageView view)
            throws IOException {
        List<float[]> out = new ArrayList<>();
        for (Photo p : photos) {
            out.add(encoder.encode(List.of(view.prepare(read(shared, p)))).get(0).logits());
        }
        return out;
    }

    /** Ranks image {@code q} among all images for query {@code q}; ties count against the target. */
    static Recall recall(List<float[]> images, List<float[]> queries) {
        int r1 = 0;
        int r5 = 0;
        double mrr = 0;
        int[] ranks = new int[queries.size()];
        for (int q = 0; q < queries.size(); q++) {
            float target = Vectors.dot(queries.get(q), images.get(q));
            int rank = 1;
            for (int i = 0; i < images.size(); i++) {
                if (i != q && Vectors.dot(queries.get(q), images.get(i)) >= target) {
                    rank++;
                }
            }
            ranks[q] = rank;
            r1 += rank == 1 ? 1 : 0;
            r5 += rank <= 5 ? 1 : 0;
            mrr += 1.0 / rank;
        }
        return new Recall(r1, r5, mrr / queries.size(), ranks);
    }

    static int best(List<float[]> images, float[] query) {
        int best = 0;
        for (int i = 1; i < images.size(); i++) {
            if (Vectors.dot(query, images.get(i)) > Vectors.dot(query, images.get(best))) {
                best = i;
            }
        }
        return best;
    }

    static String stem(String file) {
        int dot = file.lastIndexOf('.');
        return dot < 0 ? file : file.substring(0, dot);
    }
}
