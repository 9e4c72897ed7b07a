package dev.loupe.classify;

import dev.loupe.core.ModelInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds a feature extractor by name: the builtin kinds (visual, semantic, concat) of the model, plus any extra
 * extractors given to the constructor (e.g. one per trained composer, named {@code composer:<name>}).
 */
public final class FeatureExtractors {
    private final Map<String, FeatureExtractor> byName = new LinkedHashMap<>();

    public FeatureExtractors(ModelInfo model, List<FeatureExtractor> extra) {
        for (FeatureKind k : FeatureKind.values()) {
            try {
                FeatureExtractor f = BuiltinFeatures.of(k, model);
                byName.put(f.name(), f);
            } catch (IllegalArgumentException e) {
                // the model lacks a space this kind needs; it is simply not offered
            }
        }
        for (FeatureExtractor f : extra) {
            if (byName.putIfAbsent(f.name(), f) != null) {
                throw new IllegalArgumentException("two feature extractors are named '" + f.name() + "'");
            }
        }
    }

    /** Only the builtin kinds. */
    public static FeatureExtractors builtin(ModelInfo model) {
        return new FeatureExtractors(model, List.of());
    }

    public FeatureExtractor get(String name) {
        FeatureExtractor f = byName.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown features '" + name + "'; available: " + names());
        }
        return f;
    }

    public List<String> names() {
        return new ArrayList<>(byName.keySet());
    }
}
