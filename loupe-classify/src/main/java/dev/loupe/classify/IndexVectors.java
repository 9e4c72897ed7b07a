package dev.loupe.classify;

import dev.loupe.core.ImageIndex;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Streams the vectors of every indexed image in the given spaces. All spaces but the last are held in memory
 * by id while the last one is streamed, so memory grows with the smaller spaces only (put the largest last).
 */
final class IndexVectors {
    private IndexVectors() {
    }

    static void forEach(ImageIndex index, List<String> spaces, BiConsumer<ImageRecord, ImageVectors> visitor) {
        List<Map<String, float[]>> held = new java.util.ArrayList<>();
        for (String space : spaces.subList(0, spaces.size() - 1)) {
            Map<String, float[]> byId = new HashMap<>();
            index.forEachVector(space, (record, v) -> byId.put(record.id(), v));
            held.add(byId);
        }
        String last = spaces.get(spaces.size() - 1);
        index.forEachVector(last, (record, v) -> {
            Map<String, float[]> all = new HashMap<>();
            all.put(last, v);
            for (int i = 0; i < held.size(); i++) {
                float[] other = held.get(i).get(record.id());
                if (other == null) {
                    return; // written between the two passes; the next run will see it
                }
                all.put(spaces.get(i), other);
            }
            visitor.accept(record, new ImageVectors(all));
        });
    }

    /** One image's vectors in the given spaces, or null when it lacks one. */
    static ImageVectors of(ImageIndex index, String id, List<String> spaces) {
        Map<String, float[]> all = new HashMap<>();
        for (String s : spaces) {
            float[] v = index.vector(id, s).orElse(null);
            if (v == null) {
                return null;
            }
            all.put(s, v);
        }
        return new ImageVectors(all);
    }
}
