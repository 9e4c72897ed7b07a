package dev.loupe.models.builtin;

import dev.loupe.models.text.SentenceEncoder;

import java.util.List;

/**
 * The measured settings of the builtin model (see docs/quality.md for how each was chosen). The version string
 * goes into every index, so changing anything here that changes vectors must bump {@link #version}.
 *
 * @param version      model version stored in indexes
 * @param textEncoder  the sentence encoder that defines the semantic space
 * @param templates    class-prompt templates, {@code %s} = the class label; embeddings are averaged
 * @param topK         ConSE: how many top classes are combined
 * @param temperature  ConSE: softmax temperature
 * @param visualWeight image-to-image blend: weight of the visual (pooled feature) cosine, the rest semantic
 * @param tagTemplate  how a tag word is turned into text before embedding
 */
public record BuiltinRecipe(String version, SentenceEncoder.Kind textEncoder, List<String> templates, int topK,
                            float temperature, float visualWeight, String tagTemplate) {

    public static final BuiltinRecipe DEFAULT = new BuiltinRecipe("1", SentenceEncoder.Kind.BGE_SMALL,
            List.of("%s"), 50, 2f, 0.5f, "%s");

    /** A stable key for caches of class/tag embeddings computed with this recipe. */
    public String cacheKey() {
        return Integer.toHexString((textEncoder + "|" + templates + "|" + tagTemplate).hashCode());
    }
}
