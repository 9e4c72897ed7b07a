package dev.loupe.core;

import java.util.List;
import java.util.Map;

/**
 * The labels of a model that a text query names, and how they rank its images: an image scores
 * {@code cos(q, x) + weight × P(x)}, where P is the least of the image's probabilities of the named labels (a query
 * naming a dog and a horse asks for both), 0 for a label the index holds no probability of. The builtin model's
 * labels are WordNet nouns with probabilities summed over the ImageNet classes each covers (docs/quality.md,
 * "Class hierarchy").
 *
 * @param labels the named labels, at least one ({@link Labels#check})
 * @param weight how much the probability counts next to the cosine, &gt; 0
 */
public record NamedLabels(List<String> labels, float weight) {
    public NamedLabels {
        labels = List.copyOf(labels);
        if (labels.isEmpty() || !(weight > 0f)) {
            throw new IllegalArgumentException("named labels need at least one label and a weight > 0, got " + labels
                    + " and " + weight);
        }
        labels.forEach(Labels::check);
    }

    /** P(x): the least of these probabilities of the named labels (a missing one is 0). */
    public float probability(Map<String, Float> modelLabels) {
        float min = 1f;
        for (String l : labels) {
            min = Math.min(min, modelLabels.getOrDefault(l, 0f));
        }
        return min;
    }

    /** The fused score of an image with this cosine and these probabilities. */
    public float score(float cosine, Map<String, Float> modelLabels) {
        return cosine + weight * probability(modelLabels);
    }
}
