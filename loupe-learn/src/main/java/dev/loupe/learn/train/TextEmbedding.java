package dev.loupe.learn.train;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A frozen text encoder for DeViSE's label vectors: a name (becomes the projection's target space) and a
 * function from texts to vectors of {@code dim} values. The project's sentence encoder plugs in here as
 * {@code new TextEmbedding("minilm", 384, encoder::encode)}.
 */
public record TextEmbedding(String space, int dim, Function<List<String>, List<float[]>> encoder) {
    public TextEmbedding {
        Objects.requireNonNull(encoder, "encoder");
        new dev.loupe.core.Space(space, dim); // validates the name and dimension
    }

    public float[][] embed(List<String> texts) {
        List<float[]> out = encoder.apply(texts);
        if (out.size() != texts.size()) {
            throw new IllegalStateException("text encoder " + space + " returned " + out.size() + " vectors for "
                    + texts.size() + " texts");
        }
        float[][] r = new float[out.size()][];
        for (int i = 0; i < r.length; i++) {
            if (out.get(i).length != dim) {
                throw new IllegalStateException("text encoder " + space + " returned a " + out.get(i).length
                        + "-d vector, expected " + dim);
            }
            r[i] = out.get(i);
        }
        return r;
    }
}
