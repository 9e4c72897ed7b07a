package dev.loupe.learn.data;

import java.util.List;
import java.util.Objects;

/**
 * A composed-retrieval set over vectors that already exist (e.g. read from a user's index): no pixels, only each
 * image's vector in one space, its content key, and queries split into training and held-out parts.
 *
 * @param name    dataset name written into the composer file
 * @param images  [image][d] vectors
 * @param keys    content key of each image (same key: either image is a correct answer)
 * @param train   training queries (indices into {@code images})
 * @param test    held-out queries
 * @param gallery the images searched at test time
 */
public record FrozenTriplets(String name, float[][] images, int[] keys, List<ComposeQuery> train,
                             List<ComposeQuery> test, int[] gallery) {
    public FrozenTriplets {
        Objects.requireNonNull(name, "name");
        if (keys.length != images.length) {
            throw new IllegalArgumentException(name + ": " + images.length + " images but " + keys.length + " keys");
        }
        if (train.isEmpty() || test.isEmpty() || gallery.length == 0) {
            throw new IllegalArgumentException(name + ": needs training queries, held-out queries and a gallery; got "
                    + train.size() + ", " + test.size() + ", " + gallery.length);
        }
        train = List.copyOf(train);
        test = List.copyOf(test);
    }

    public int key(int image) {
        return keys[image];
    }

    /** Dimension of the image vectors. */
    public int dim() {
        return images[0].length;
    }

    /** Every distinct query text, training texts first. */
    public List<String> texts() {
        var set = new java.util.LinkedHashSet<String>();
        train.forEach(q -> set.add(q.text()));
        test.forEach(q -> set.add(q.text()));
        return List.copyOf(set);
    }
}
