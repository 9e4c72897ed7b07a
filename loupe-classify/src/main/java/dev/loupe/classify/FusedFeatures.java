package dev.loupe.classify;

import dev.loupe.core.ImageVectors;
import dev.loupe.core.Space;
import dev.loupe.core.Vectors;

import java.util.List;

/**
 * Features concatenated from several spaces: each space's vector L2-normalized, the parts concatenated and scaled
 * by 1/√parts to unit length, so each space weighs the same in the cosine. Used for the learned feature kinds:
 * {@code learned} (one part) and {@code learned+visual}, {@code learned+concat} (learned, visual and semantic).
 *
 * @param name  the {@code --features} name
 * @param parts the spaces, in concatenation order
 */
public record FusedFeatures(String name, List<Space> parts) implements FeatureExtractor {
    public FusedFeatures {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("features " + name + " need at least one space");
        }
    }

    @Override
    public int dimension() {
        return parts.stream().mapToInt(Space::dimension).sum();
    }

    @Override
    public List<String> spaces() {
        return parts.stream().map(Space::name).toList();
    }

    @Override
    public float[] extract(ImageVectors vectors) {
        float[] out = new float[dimension()];
        float scale = (float) (1 / Math.sqrt(parts.size()));
        int at = 0;
        for (Space s : parts) {
            float[] v = Vectors.normalize(s.check(vectors.get(s.name())));
            for (float x : v) {
                out[at++] = x * scale;
            }
        }
        return out;
    }

    /**
     * The learned kinds over a learned space and a model's visual and semantic spaces: {@code learned},
     * {@code learned+visual}, {@code learned+semantic} and {@code learned+concat}.
     */
    public static List<FeatureExtractor> learnedKinds(Space learned, Space visual, Space semantic) {
        return List.of(new FusedFeatures("learned", List.of(learned)),
                new FusedFeatures("learned+visual", List.of(learned, visual)),
                new FusedFeatures("learned+semantic", List.of(learned, semantic)),
                new FusedFeatures("learned+concat", List.of(learned, visual, semantic)));
    }
}
