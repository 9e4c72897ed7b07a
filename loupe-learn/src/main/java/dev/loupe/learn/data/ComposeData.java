package dev.loupe.learn.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A composed-retrieval dataset: images, training and test queries split by scene/item, and per-image content
 * keys (two images with the same key show the same content, so either is a correct answer).
 *
 * @param name     dataset name written into reports and composer files
 * @param images   all images
 * @param keys     content key of each image
 * @param captions a caption of each image (for embedding and analogy training), never null
 * @param train    training queries
 * @param test     test queries
 * @param gallery  the images searched at test time (the test split's images)
 */
public record ComposeData(String name, ImageBank images, int[] keys, List<String> captions, List<ComposeQuery> train,
                          List<ComposeQuery> test, int[] gallery) {
    public ComposeData {
        Objects.requireNonNull(name, "name");
        if (keys.length != images.count() || captions.size() != images.count()) {
            throw new IllegalArgumentException(name + ": " + images.count() + " images but " + keys.length
                    + " keys and " + captions.size() + " captions");
        }
        if (train.isEmpty() || test.isEmpty() || gallery.length == 0) {
            throw new IllegalArgumentException(name + ": needs training queries, test queries and a gallery; got "
                    + train.size() + ", " + test.size() + ", " + gallery.length);
        }
        keys = keys.clone();
        captions = List.copyOf(captions);
        train = List.copyOf(train);
        test = List.copyOf(test);
        gallery = gallery.clone();
    }

    @Override
    public int[] keys() {
        return keys.clone();
    }

    public int key(int image) {
        return keys[image];
    }

    @Override
    public int[] gallery() {
        return gallery.clone();
    }

    /** The training queries' texts and all captions: the vocabulary's source. */
    public List<String> trainingTexts() {
        List<String> l = new java.util.ArrayList<>();
        train.forEach(q -> l.add(q.text()));
        l.addAll(captions);
        return l;
    }

    @Override
    public String toString() {
        return name + "[" + images.count() + " images, " + train.size() + " train / " + test.size()
                + " test queries, gallery " + gallery.length + ", keys " + Arrays.stream(keys).distinct().count() + "]";
    }
}
