package dev.loupe.models.text;

import dev.loupe.core.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SentenceEncoderTest {

    @ParameterizedTest
    @EnumSource(SentenceEncoder.Kind.class)
    void paraphrasesAreCloserThanUnrelatedSentences(SentenceEncoder.Kind kind) {
        try (SentenceEncoder enc = SentenceEncoder.open(kind, 1)) {
            assertEquals(384, enc.dimension());
            List<float[]> v = enc.encode(List.of("a cat sleeping on a sofa", "a kitten napping on the couch",
                    "the rocket launched into orbit"));
            assertEquals(1f, Vectors.norm(v.get(0)), 1e-4);
            float near = Vectors.dot(v.get(0), v.get(1));
            float far = Vectors.dot(v.get(0), v.get(2));
            assertTrue(near > far + 0.2f, "paraphrase " + near + " vs unrelated " + far);
        }
    }

    @Test
    void batchingDoesNotChangeEmbeddings() {
        try (SentenceEncoder enc = SentenceEncoder.open(SentenceEncoder.Kind.MINILM, 1)) {
            float[] alone = enc.encode("a dog on a beach");
            float[] padded = enc.encode(List.of("a much longer sentence that forces padding of the other one in the batch",
                    "a dog on a beach")).get(1);
            float d = Vectors.dot(alone, padded);
            assertTrue(d > 0.9999f, "padding must not leak into the mean pooling: " + d);
        }
    }

    @Test
    void unknownKindIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SentenceEncoder.Kind.byId("gpt"));
        assertTrue(e.getMessage().contains("known"));
    }
}
