package dev.loupe.core;

import java.io.Closeable;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The read side of a vector index: one document per image file, one vector per space of the model that wrote it.
 * Readers see a recent, consistent snapshot and may run while a writer ({@link WritableImageIndex}) adds
 * documents. Every backend (the embedded Lucene index, SolrCloud) implements this; the engine's planner talks only
 * to it.
 */
public interface ImageIndex extends Closeable {
    /** The model fingerprint the index was built with. */
    ModelInfo model();

    Optional<ImageRecord> byId(String id);

    Optional<ImageRecord> byPath(String path);

    /** All stored vectors of one image (one per space of {@link #model()}), empty when it is not indexed. */
    Optional<ImageVectors> vectors(String id);

    /** The stored vector of one image in one space; backends may read just that one. */
    default Optional<float[]> vector(String id, String space) {
        return vectors(id).map(v -> v.get(space));
    }

    /**
     * The stored vectors of several images in {@code spaces}, by id, in the order of {@code ids}; an id that is not
     * indexed is left out. The re-score of search candidates reads them here, so that a backend that pays per
     * request (SolrCloud) answers in one round trip instead of one per candidate.
     */
    default Map<String, ImageVectors> vectors(Collection<String> ids, Set<String> spaces) {
        Map<String, ImageVectors> out = new LinkedHashMap<>();
        for (String id : ids) {
            Map<String, float[]> bySpace = new HashMap<>();
            for (String space : spaces) {
                vector(id, space).ifPresent(v -> bySpace.put(space, v));
            }
            if (bySpace.size() == spaces.size()) {
                out.put(id, new ImageVectors(bySpace));
            }
        }
        return out;
    }

    /**
     * Approximate nearest neighbours by cosine (vectors are unit length) among the images that pass the query's
     * filter; the filter is applied inside the search, never after it.
     */
    Neighbours nearest(VectorQuery query);

    /**
     * Visits every image that passes {@code filter}, with its vectors in {@code spaces} (none: records only, which
     * is cheap): the exact scan's and the incremental indexer's view of what is there.
     */
    void forEach(ImageFilter filter, Set<String> spaces, BiConsumer<ImageRecord, ImageVectors> visitor);

    int count();

    /** How many images pass {@code filter}; the planner scans small filtered sets exactly. */
    int count(ImageFilter filter);

    /** The labels of one image (label → confidence), empty when it has none or is not indexed. */
    Map<String, Float> labels(String id);

    long sizeOnDiskBytes();

    /** What the index says about itself (location, model, size), for {@code loupe info}. */
    Map<String, String> stats();
}
