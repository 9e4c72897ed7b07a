package dev.loupe.models.builtin;

import dev.loupe.core.Vectors;
import dev.loupe.models.text.SentenceEncoder;

import java.util.ArrayList;
import java.util.List;

/** Turns class labels into unit text embeddings: one prompt per template, averaged, normalised. */
public final class ClassPrompts {
    private final List<String> templates;

    public ClassPrompts(List<String> templates) {
        if (templates.isEmpty() || templates.stream().anyMatch(t -> !t.contains("%s"))) {
            throw new IllegalArgumentException("every prompt template needs a %s for the label: " + templates);
        }
        this.templates = List.copyOf(templates);
    }

    public float[][] embed(SentenceEncoder encoder, List<String> labels) {
        float[][] out = new float[labels.size()][];
        for (int c = 0; c < labels.size(); c++) {
            List<String> prompts = new ArrayList<>(templates.size());
            for (String t : templates) {
                prompts.add(String.format(t, labels.get(c)));
            }
            float[] sum = new float[encoder.dimension()];
            for (float[] v : encoder.encode(prompts)) {
                sum = Vectors.add(sum, v);
            }
            out[c] = Vectors.normalize(sum);
        }
        return out;
    }
}
