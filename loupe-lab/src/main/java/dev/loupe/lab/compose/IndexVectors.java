package dev.loupe.lab.compose;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageIndex;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every image of an index with its stored vector in one space (the model's text space): what a composer is trained
 * on, read in one pass, no image decoded.
 *
 * @param space   the space read
 * @param ids     each image's id in the index, in index order
 * @param paths   each image's absolute path, in index order
 * @param vectors each image's vector
 */
record IndexVectors(String space, List<String> ids, List<String> paths, float[][] vectors,
                    Map<String, Integer> byPath) {
    static IndexVectors read(ImageIndex index, String space) {
        List<String> ids = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        index.forEach(ImageFilter.NONE, Set.of(space), (r, v) -> {
            float[] x = v.get(space);
            if (x != null) {
                ids.add(r.id());
                paths.add(r.path());
                vectors.add(x);
            }
        });
        Map<String, Integer> byPath = new HashMap<>();
        for (int i = 0; i < paths.size(); i++) {
            byPath.put(paths.get(i), i);
        }
        return new IndexVectors(space, List.copyOf(ids), List.copyOf(paths), vectors.toArray(float[][]::new),
                Map.copyOf(byPath));
    }

    int count() {
        return paths.size();
    }

    /** The image at {@code path} (absolute, or relative to {@code base}), or -1 when it is not indexed. */
    int find(Path base, String path) {
        Path p = Path.of(path);
        Path abs = (p.isAbsolute() ? p : base.resolve(p)).toAbsolutePath().normalize();
        return byPath.getOrDefault(abs.toString(), -1);
    }
}
