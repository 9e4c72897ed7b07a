package dev.loupe.models.builtin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.Vectors;
import dev.loupe.models.text.SentenceEncoder;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Exploratory grid over text encoder, prompts, k and temperature: prints caption->photo R@1/R@5. */
public class ConseTuning {
    public static void main(String[] args) throws Exception {
        Path shared = Path.of(System.getProperty("loupe.shared", "../shared"));
        String[] labels = new ObjectMapper().readValue(shared.resolve("models/imagenet-simple-labels.json").toFile(), String[].class);
        List<String> lines = Files.readAllLines(shared.resolve("photos/captions.tsv"));
        List<String> files = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split("\t");
            files.add(f[0]);
            captions.add(f[1]);
        }
        List<float[]> logits = new ArrayList<>();
        try (MobileNetEncoder enc = new MobileNetEncoder(shared.resolve("models/mobilenetv2-12-int8.onnx"), null, 2)) {
            for (String f : files) {
                BufferedImage img = ImageIO.read(shared.resolve("photos").resolve(f).toFile());
                logits.add(enc.encode(List.of(img)).get(0).logits());
            }
        }
        String[][] templates = {
                {"%s"}, {"a photo of the %s.", "a close-up photo of a %s.", "a black and white photo of a %s.", "a painting of a %s.", "a cropped photo of the %s."},
        };
        String[] prefixes = {""};
        for (SentenceEncoder.Kind kind : SentenceEncoder.Kind.values()) {
            try (SentenceEncoder text = SentenceEncoder.open(kind, 2)) {
                for (String prefix : prefixes) {
                    if (!prefix.isEmpty() && kind != SentenceEncoder.Kind.BGE_SMALL) continue;
                    List<float[]> capVecs = text.encode(captions.stream().map(c -> prefix + c).toList());
                    for (int t = 0; t < templates.length; t++) {
                        float[][] raw = classEmbeddings(text, labels, templates[t]);
                        for (boolean center : new boolean[]{false}) { for (int csls : new int[]{0, 5, 20, 100}) {
                            float[][] cls = center ? center(raw) : raw;
                            for (int k : new int[]{20, 50, 100, 300, 1000}) {
                                for (float temp : new float[]{2f, 3f, 5f, 8f}) {
                                    Conse conse = new Conse(cls, k, temp);
                                    List<float[]> imgs = logits.stream().map(conse::embed).toList();
                                    float[] r = new float[imgs.size()];
                                    if (csls > 0) for (int i = 0; i < imgs.size(); i++) {
                                        float[] sims = new float[cls.length];
                                        for (int c = 0; c < cls.length; c++) sims[c] = Vectors.dot(imgs.get(i), cls[c]);
                                        int[] top = Conse.topIndices(sims, csls);
                                        for (int c : top) r[i] += sims[c] / csls;
                                    }
                                    int r1 = 0, r5 = 0;
                                    StringBuilder miss = new StringBuilder();
                                    for (int q = 0; q < captions.size(); q++) {
                                        float target = 2 * Vectors.dot(capVecs.get(q), imgs.get(q)) - r[q];
                                        int rank = 0, best = -1; float bestS = -9;
                                        for (int i = 0; i < imgs.size(); i++) {
                                            float s2 = 2 * Vectors.dot(capVecs.get(q), imgs.get(i)) - r[i];
                                            if (i != q && s2 > target) rank++;
                                            if (s2 > bestS) { bestS = s2; best = i; }
                                        }
                                        if (rank == 0) r1++; else miss.append(files.get(q)).append("->").append(files.get(best)).append(' ');
                                        if (rank < 5) r5++;
                                    }
                                    System.out.printf("%-10s pre=%d tpl=%d c=%s csls=%d k=%4d T=%.1f  R@1=%2d/21 R@5=%2d/21 %s%n", kind, prefix.isEmpty() ? 0 : 1, t, center, csls, k, temp, r1, r5, miss);
                                }
                            }
                        } }
                    }
                }
            }
        }
    }

    static float[][] center(float[][] e) {
        float[] mean = new float[e[0].length];
        for (float[] v : e) mean = Vectors.add(mean, v);
        mean = Vectors.scale(mean, 1f / e.length);
        float[][] out = new float[e.length][];
        for (int i = 0; i < e.length; i++) out[i] = Vectors.normalize(Vectors.subtract(e[i], mean));
        return out;
    }

    static float[][] classEmbeddings(SentenceEncoder text, String[] labels, String[] templates) {
        float[][] out = new float[labels.length][];
        for (int c = 0; c < labels.length; c++) {
            List<String> prompts = new ArrayList<>();
            for (String t : templates) prompts.add(String.format(t, labels[c]));
            float[] sum = new float[text.dimension()];
            for (float[] v : text.encode(prompts)) sum = Vectors.add(sum, v);
            out[c] = Vectors.normalize(sum);
        }
        return out;
    }
}
