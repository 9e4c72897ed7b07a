package dev.loupe.models.clip;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** {@link ModelDescriptors#toJson} writes what {@link ModelDescriptors#parse} reads back unchanged. */
class ModelDescriptorJsonTest {
    @Test
    void everyShippedDescriptorSurvivesARoundTrip() {
        for (ModelDescriptor d : ModelDescriptors.shipped()) {
            String json = ModelDescriptors.toJson(d);
            assertEquals(d, ModelDescriptors.parse(json, d.name() + " (written)"), json);
        }
    }

    @Test
    void unknownChecksumsAndAbsentOptionalSectionsRoundTrip() {
        ModelDescriptor tiny = TinyClip.descriptor(Map.of(TinyClip.IMAGE_FILE, "a".repeat(64)));
        ModelDescriptor back = ModelDescriptors.parse(ModelDescriptors.toJson(tiny), "tiny (written)");
        assertEquals(tiny, back);
        assertNull(back.file(TinyClip.TEXT_FILE).orElseThrow().sha256());
        assertNull(back.graph().attentionMaskInput());
        assertNull(back.notes());
    }
}
