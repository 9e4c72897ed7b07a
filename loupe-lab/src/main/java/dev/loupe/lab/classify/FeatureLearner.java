package dev.loupe.lab.classify;

import dev.loupe.classify.Progress;
import dev.loupe.datasets.FashionMnist;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * Learns an image encoder from labelled Fashion-MNIST training images, for the "learned" feature kinds of
 * {@code loupe-lab eval classify}. {@link GarmentFeatureLearner} trains a CNN with loupe-learn (DJL/PyTorch); the
 * seam lets the harness's tests train a plain-Java learner instead, without PyTorch. {@link LearnedFeatures} caches
 * what it produces.
 */
public interface FeatureLearner {
    /** Name of the vector space the encoder produces (a valid space name, e.g. {@code learned}). */
    String space();

    /** Length of the encoder's vectors. */
    int dimension();

    /** Everything that determines the trained weights (settings, seed, label texts), for the cache key. */
    String fingerprint();

    /** Trains on the first {@code count} images of {@code train} and their labels. */
    Encoder fit(FashionMnist train, int count, Progress progress);

    /** A trained encoder; closing frees its native memory. */
    interface Encoder extends AutoCloseable {
        /** Unit-length vectors of the first {@code count} images of {@code split}. */
        float[][] encode(FashionMnist split, int count);

        /** Writes the weights to {@code file}. */
        void save(Path file);

        /** Seconds the training took. */
        double seconds();

        @Override
        void close();
    }

    /**
     * What a learner is built from: the model whose text encoder gives the class label vectors (as a function from
     * text to vector), the number of epochs (0 = the learner's default), the seed and the threads.
     */
    record Setup(Function<String, float[]> text, int epochs, long seed, int threads) {
        public Setup {
            if (epochs < 0 || threads < 1) {
                throw new IllegalArgumentException("learner epochs must be >= 0 and threads >= 1");
            }
        }
    }
}
