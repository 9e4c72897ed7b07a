package dev.loupe.classify;

import dev.loupe.core.ImageVectors;
import dev.loupe.core.ModelInfo;
import dev.loupe.core.Space;
import dev.loupe.core.Vectors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Features straight from the model's spaces: the visual vector, the semantic vector, or both concatenated with
 * each part L2-normalized (and the whole scaled by 1/√2 to unit length), which weighs the two spaces equally.
 *
 * @param kind      which of the three
 * @param visual    dimension of the visual space
 * @param semantic  dimension of the semantic space
 */
public record BuiltinFeatures(FeatureKind kind, int visual, int semantic) implements FeatureExtractor {
    private static final float HALF_SQRT2 = (float) (1 / Math.sqrt(2));

    /** The extractor of {@code kind} for a model with a visual and a semantic space. */
    public static BuiltinFeatures of(FeatureKind kind, ModelInfo model) {
        boolean hasVisual = model.spaces().stream().anyMatch(s -> s.name().equals(Space.VISUAL));
        if (!hasVisual && kind != FeatureKind.SEMANTIC) {
            throw new IllegalArgumentException("model " + model.fingerprint() + " has no visual space; use "
                    + "--features semantic");
        }
        return new BuiltinFeatures(kind, hasVisual ? model.space(Space.VISUAL).dimension() : 0,
                model.space(Space.SEMANTIC).dimension());
    }

    @Override
    public String name() {
        return kind.cliName();
    }

    @Override
    public int dimension() {
        return switch (kind) {
            case VISUAL -> visual;
            case SEMANTIC -> semantic;
            case CONCAT -> visual + semantic;
        };
    }

    @Override
    public List<String> spaces() {
        return switch (kind) {
            case VISUAL -> List.of(Space.VISUAL);
            case SEMANTIC -> List.of(Space.SEMANTIC);
            case CONCAT -> List.of(Space.SEMANTIC, Space.VISUAL);
        };
    }

    @Override
    public float[] extract(ImageVectors vectors) {
        return switch (kind) {
            case VISUAL -> Vectors.normalize(vectors.get(Space.VISUAL));
            case SEMANTIC -> Vectors.normalize(vectors.get(Space.SEMANTIC));
            case CONCAT -> concat(vectors.get(Space.VISUAL), vectors.get(Space.SEMANTIC));
        };
    }

    /** The concatenated feature of a visual and a semantic vector. */
    public static float[] concat(float[] visual, float[] semantic) {
        return Vectors.scale(Vectors.concat(Vectors.normalize(visual), Vectors.normalize(semantic)), HALF_SQRT2);
    }

    @Override
    public Map<String, Float> searchableSpaces() {
        Map<String, Float> m = new LinkedHashMap<>();
        switch (kind) {
            case VISUAL -> m.put(Space.VISUAL, 1f);
            case SEMANTIC -> m.put(Space.SEMANTIC, 1f);
            case CONCAT -> {
                m.put(Space.VISUAL, 0.5f);
                m.put(Space.SEMANTIC, 0.5f);
            }
        }
        return m;
    }
}
