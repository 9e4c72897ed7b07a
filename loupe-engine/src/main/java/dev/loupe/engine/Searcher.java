package dev.loupe.engine;

import dev.loupe.core.Hit;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageIndex;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.Model;
import dev.loupe.core.Space;
import dev.loupe.core.Vectors;
import dev.loupe.models.image.ImageDecodeException;
import dev.loupe.models.image.ImageDecoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Text-to-image and image-to-image queries over one index. Image-to-image blends the visual and the semantic
 * space: candidates come from both HNSW fields and are re-scored exactly with
 * {@code w·cos(visual) + (1−w)·cos(semantic)}.
 */
public final class Searcher {
    private static final int MIN_CANDIDATES = 50;

    private final Model model;
    private final ImageIndex index;
    private final ImageDecoder decoder;

    public Searcher(Model model, ImageIndex index, ImageDecoder decoder) {
        this.model = model;
        this.index = index;
        this.decoder = decoder;
    }

    public List<Hit> text(String text, int k) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the search text is empty; type what you are looking for");
        }
        return index.nearest(model.info().textSpace(), model.encodeText(text), checkK(k));
    }

    /** Images like {@code image}, which may or may not be in the index. */
    public List<Hit> similar(Path image, int k) {
        return similar(vectorsOf(image), k, model.visualWeight());
    }

    public List<Hit> similar(ImageVectors query, int k, float visualWeight) {
        return similar(query, k, visualWeight, ImageFilter.NONE);
    }

    /**
     * Images like {@code query}, among those that pass {@code filter} (e.g. a label from {@code classify apply}):
     * candidates come from each space's index under the filter, then are re-scored with the blend.
     */
    public List<Hit> similar(ImageVectors query, int k, float visualWeight, ImageFilter filter) {
        checkK(k);
        int candidates = Math.max(MIN_CANDIDATES, 4 * k);
        String semantic = model.info().textSpace();
        boolean blend = visualWeight > 0 && model.info().spaces().stream().anyMatch(s -> s.name().equals(Space.VISUAL));
        if (!blend) {
            return index.nearest(semantic, query.get(semantic), k, filter);
        }
        Map<String, ImageRecord> pool = new LinkedHashMap<>();
        for (String space : List.of(semantic, Space.VISUAL)) {
            for (Hit h : index.nearest(space, query.get(space), candidates, filter)) {
                pool.putIfAbsent(h.id(), h.image());
            }
        }
        List<Hit> scored = new ArrayList<>(pool.size());
        for (ImageRecord r : pool.values()) {
            float[] sem = index.vector(r.id(), semantic).orElse(null);
            float[] vis = index.vector(r.id(), Space.VISUAL).orElse(null);
            if (sem == null || vis == null) {
                continue; // deleted between the two reads
            }
            float score = visualWeight * Vectors.dot(query.get(Space.VISUAL), vis)
                    + (1 - visualWeight) * Vectors.dot(query.get(semantic), sem);
            scored.add(new Hit(r, score));
        }
        scored.sort(Comparator.comparingDouble(Hit::score).reversed());
        return List.copyOf(scored.subList(0, Math.min(k, scored.size())));
    }

    /**
     * The vectors of an image: taken from the index when the file is indexed and unchanged, else decoded and
     * encoded now.
     */
    public ImageVectors vectorsOf(Path image) {
        Path abs = image.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) {
            throw new IllegalArgumentException("no such image file: " + image + " — check the path");
        }
        var indexed = index.byPath(abs.toString());
        if (indexed.isPresent() && sameFile(abs, indexed.get())) {
            Map<String, float[]> v = new HashMap<>();
            for (Space s : model.info().spaces()) {
                index.vector(indexed.get().id(), s.name()).ifPresent(x -> v.put(s.name(), x));
            }
            if (v.size() == model.info().spaces().size()) {
                return new ImageVectors(v);
            }
        }
        return encode(abs);
    }

    /** Decodes and encodes a file that need not be indexed. */
    public ImageVectors encode(Path file) {
        return model.encodeImage(decode(file));
    }

    /** Decodes a file safely (pixel limit, orientation); a file that cannot be read is a clear usage error. */
    public java.awt.image.BufferedImage decode(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such image file: " + file + " — check the path");
        }
        try {
            return decoder.decode(file).image();
        } catch (ImageDecodeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static boolean sameFile(Path file, ImageRecord r) {
        try {
            return Files.size(file) == r.size() && Files.getLastModifiedTime(file).toMillis() == r.mtimeMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int checkK(int k) {
        if (k < 1 || k > 10_000) {
            throw new IllegalArgumentException("-k must be between 1 and 10000, got " + k);
        }
        return k;
    }
}
