package dev.loupe.core;

import java.io.Closeable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    long sizeOnDiskBytes();

    Map<String, String> stats();
}
