package dev.loupe.core;

import dev.loupe.core.text.ImageText;
import dev.loupe.core.text.TextQuery;

import java.io.Closeable;
import java.util.List;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

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

    /**
     * Visits every image that passes {@code filter} with its vectors in {@code spaces}, like {@link #forEach}, but
     * streaming: nothing is copied or kept, and an image's record is read only when the visitor asks for it
     * ({@link ScannedImage}). The exact scan reads here — it scores every image and needs the records of the best
     * few only. A backend whose {@link #forEach} already holds each record (a remote one) keeps this default.
     */
    default void scan(ImageFilter filter, Set<String> spaces, Consumer<ScannedImage> visitor) {
        forEach(filter, spaces, (record, vectors) -> visitor.accept(new ScannedImage() {
            @Override
            public float[] vector(String space) {
                return vectors.get(space);
            }

            @Override
            public ImageRecord record() {
                return record;
            }
        }));
    }

    /**
     * Full-text search over the words in and around each image — its {@link ImageText} (file and folder names,
     * metadata, OCR text) and its labels — among the images that pass {@code filter} (pushed into the search as for
     * {@link #nearest}). The contract every backend keeps:
     * <ul>
     *   <li>text is analysed for English: case, plurals and word endings are folded, stop words dropped;</li>
     *   <li>each quoted phrase of {@code query} must occur, as a phrase, in one field, or the image is no hit; the
     *       other words are optional, and a word counts with the one field where it scores best (BM25, each field
     *       weighted alike); a label counts when its whole name occurs among the query's words;</li>
     *   <li>scores are calibrated to 0..1: the BM25 score divided by the most the query could score (the sum over its
     *       terms of their largest idf over the fields), so a hit's score says how much of the query its words cover,
     *       the same way in any index; a word found in no image counts against every hit;</li>
     *   <li>hits come best first, at most {@code k}, each with {@link dev.loupe.core.text.TextMatch}es: the fields
     *       that matched and the matched words highlighted.</li>
     * </ul>
     * An empty query has no hits. A backend without text fields throws {@link UnsupportedOperationException} (with
     * a message saying what to use instead) and answers {@link #text} with empty; a hybrid search then ranks by the
     * embedding alone.
     */
    List<TextHit> searchText(TextQuery query, int k, ImageFilter filter);

    /**
     * The stored words of several images, by id, in the order of {@code ids}; {@link ImageText#UNREAD} for an image
     * whose words were never read, and an id that is not indexed is left out. The indexer's passes over many images
     * (the stale-words check of a re-run, the OCR pass's list of pending images) read them here in batches, so that a
     * backend that pays per request (SolrCloud) answers a batch in one round trip instead of one per image.
     */
    Map<String, ImageText> texts(Collection<String> ids);

    /** The stored words of one image ({@link #texts}); empty when it is not indexed. */
    default Optional<ImageText> text(String id) {
        return Optional.ofNullable(texts(List.of(id)).get(id));
    }

    int count();

    /** How many images pass {@code filter}; the planner scans small filtered sets exactly. */
    int count(ImageFilter filter);

    /**
     * The probabilities the index holds of these model labels ({@link ImageVectors#labels()}) for these images, by
     * id; an image with none of them is left out. Reads a search's candidates in one pass, like
     * {@link #vectors(Collection, Set)}. A backend that does not store model labels has none.
     */
    default Map<String, Map<String, Float>> modelLabels(Collection<String> ids, Set<String> names) {
        return Map.of();
    }

    /** The labels of one image (label → confidence), empty when it has none or is not indexed. */
    Map<String, Float> labels(String id);

    long sizeOnDiskBytes();

    /** What the index says about itself (location, model, size), for {@code loupe info}. */
    Map<String, String> stats();
}
