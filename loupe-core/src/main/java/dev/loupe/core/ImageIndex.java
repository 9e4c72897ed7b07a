package dev.loupe.core;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.BiConsumer;

/**
 * The vector index: one document per image file, one vector per space. Readers see a recent, consistent
 * snapshot and may run while a writer adds documents.
 */
public interface ImageIndex extends Closeable {
    /** The model fingerprint the index was built with. */
    ModelInfo model();

    /** Adds or replaces the document for {@code image.path()}. */
    void upsert(ImageRecord image, ImageVectors vectors);

    /** Removes the document for this path, if any. */
    void delete(String path);

    /** Makes all changes durable; a crash after this loses nothing written before it. */
    void commit();

    Optional<ImageRecord> byId(String id);

    Optional<ImageRecord> byPath(String path);

    /** The stored vector of one image in one space. */
    Optional<float[]> vector(String id, String space);

    /** Approximate nearest neighbours by cosine (vectors are unit length). */
    List<Hit> nearest(String space, float[] query, int k);

    /** Visits every stored (path, record) pair: the incremental indexer's view of what is there. */
    void forEachRecord(BiConsumer<String, ImageRecord> visitor);

    /** Visits every (record, vector) pair of one space, for exact scans. */
    void forEachVector(String space, BiConsumer<ImageRecord, float[]> visitor);

    int count();

    /**
     * Replaces the labels of one image with {@code labelConfidences} (label → confidence 0..1; empty removes
     * them all). Labels are filterable in {@link #nearest(String, float[], int, ImageFilter)}. They stay with the
     * image while its content is unchanged, also when {@link #upsert} rewrites its record (e.g. after a touch);
     * an upsert with a different content hash drops them, because they were predicted from the old pixels.
     * Visible to queries after {@link #commit}.
     *
     * @throws IllegalArgumentException when there is no image with this id or a label or confidence is invalid
     * @throws UnsupportedOperationException when this index does not store labels
     */
    default void setLabels(String id, Map<String, Float> labelConfidences) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not store labels");
    }

    /** The labels of one image (label → confidence), empty when it has none or is not indexed. */
    default Map<String, Float> labels(String id) {
        return Map.of();
    }

    /**
     * Like {@link #nearest(String, float[], int)} but only among images that pass {@code filter}. This default
     * scans every vector exactly; indexes with a filtered approximate search override it.
     */
    default List<Hit> nearest(String space, float[] query, int k, ImageFilter filter) {
        if (filter.isNone()) {
            return nearest(space, query, k);
        }
        PriorityQueue<Hit> top = new PriorityQueue<>(Comparator.comparingDouble(Hit::score));
        forEachVector(space, (record, vector) -> {
            if (filter.test(record.id(), filter.anyLabel() == null ? Map.of() : labels(record.id()))) {
                top.add(new Hit(record, Vectors.dot(query, vector)));
                if (top.size() > k) {
                    top.poll();
                }
            }
        });
        List<Hit> hits = new ArrayList<>(top);
        hits.sort(Comparator.comparingDouble(Hit::score).reversed());
        return hits;
    }

    long sizeOnDiskBytes();

    Map<String, String> stats();
}
