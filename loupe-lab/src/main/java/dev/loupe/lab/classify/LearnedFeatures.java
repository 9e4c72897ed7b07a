package dev.loupe.lab.classify;

import dev.loupe.classify.Progress;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.Space;
import dev.loupe.datasets.FashionMnist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The vectors of a {@link FeatureLearner} for both Fashion-MNIST splits, through an {@link EmbeddingFile} cache per
 * split (plus the trained weights, {@code .lcmp}) in {@code cacheDir}, named by a hash of the learner's fingerprint
 * and the number of training images: the encoder is trained once, on the training split only, and a second
 * evaluation reads the cache.
 */
public record LearnedFeatures(FeatureLearner learner, Path cacheDir) {
    /**
     * The learned vectors of the first {@code trainCount} training and {@code testCount} test images.
     *
     * @param train         vectors of the training images, by space (one space: the learner's)
     * @param test          vectors of the test images
     * @param trainSeconds  training time, 0 when read from the cache
     * @param cached        whether the vectors came from the cache
     * @param weights       file of the trained weights (written when trained)
     */
    public record Result(Map<String, float[][]> train, Map<String, float[][]> test, double trainSeconds,
                         boolean cached, Path weights) {
    }

    public Result vectors(FashionMnist train, int trainCount, FashionMnist test, int testCount, Progress progress) {
        if (trainCount < 1 || trainCount > train.size() || testCount < 1 || testCount > test.size()) {
            throw new IllegalArgumentException("learned features need 1.." + train.size() + " training and 1.."
                    + test.size() + " test images, got " + trainCount + " and " + testCount);
        }
        String id = learner.space() + "-" + hash(learner.fingerprint() + " trained-on=" + trainCount);
        List<Space> spaces = List.of(new Space(learner.space(), learner.dimension()));
        EmbeddingFile trainFile = open(train, id, spaces, trainCount);
        EmbeddingFile testFile = open(test, id, spaces, trainCount);
        Path weights = cacheDir.resolve("fashion-mnist-" + id + ".lcmp");
        if (trainFile.done() >= train.size() && testFile.done() >= test.size()) {
            return new Result(trainFile.read(trainCount), testFile.read(testCount), 0, true, weights);
        }
        // a run killed while writing leaves a partial cache: start both files afresh, never mix two trainings
        trainFile = reset(train, id, spaces, trainCount);
        testFile = reset(test, id, spaces, trainCount);
        double seconds;
        try (FeatureLearner.Encoder enc = learner.fit(train, trainCount, progress)) {
            enc.save(weights);
            write(trainFile, enc.encode(train, train.size()));
            write(testFile, enc.encode(test, test.size()));
            seconds = enc.seconds();
        }
        return new Result(trainFile.read(trainCount), testFile.read(testCount), seconds, false, weights);
    }

    private EmbeddingFile open(FashionMnist split, String id, List<Space> spaces, int trainCount) {
        String key = "fashion-mnist " + split.split() + " n=" + split.size() + " learned " + learner.fingerprint()
                + " trained-on=" + trainCount;
        return EmbeddingFile.open(cacheDir.resolve("fashion-mnist-" + split.split() + "-" + id + ".f32"), key, spaces,
                split.size());
    }

    private EmbeddingFile reset(FashionMnist split, String id, List<Space> spaces, int trainCount) {
        try {
            Files.deleteIfExists(cacheDir.resolve("fashion-mnist-" + split.split() + "-" + id + ".f32"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reset learned-feature cache in " + cacheDir + ": "
                    + e.getMessage(), e);
        }
        return open(split, id, spaces, trainCount);
    }

    private void write(EmbeddingFile file, float[][] vectors) {
        if (vectors.length > 0 && vectors[0].length != learner.dimension()) {
            throw new IllegalStateException("learner " + learner.space() + " returned " + vectors[0].length
                    + "-d vectors, expected " + learner.dimension());
        }
        List<ImageVectors> rows = new ArrayList<>();
        for (int i = file.done(); i < vectors.length; i++) {
            rows.add(new ImageVectors(Map.of(learner.space(), vectors[i])));
            if (rows.size() == 1024 || i == vectors.length - 1) {
                file.append(rows);
                rows.clear();
            }
        }
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
