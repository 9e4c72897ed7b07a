package dev.loupe.classify;

import java.util.List;

/**
 * Labelled feature vectors to train on.
 *
 * @param features one feature vector per example, all of one dimension
 * @param targets  per example, the index of its label in {@code labels}
 * @param labels   the label names
 */
public record TrainingSet(float[][] features, int[] targets, List<String> labels) {
    public TrainingSet {
        labels = List.copyOf(labels);
        if (features.length != targets.length) {
            throw new IllegalArgumentException(features.length + " feature vectors but " + targets.length + " targets");
        }
        if (labels.size() < 2) {
            throw new IllegalArgumentException("a classifier needs at least two labels, got " + labels);
        }
        int[] perLabel = new int[labels.size()];
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] < 0 || targets[i] >= labels.size()) {
                throw new IllegalArgumentException("example " + i + " has label index " + targets[i] + " of "
                        + labels.size() + " labels");
            }
            if (features[i].length != features[0].length) {
                throw new IllegalArgumentException("example " + i + " has " + features[i].length
                        + " features, example 0 has " + features[0].length);
            }
            perLabel[targets[i]]++;
        }
        for (int l = 0; l < perLabel.length; l++) {
            if (perLabel[l] == 0) {
                throw new IllegalArgumentException("label '" + labels.get(l) + "' has no example");
            }
        }
    }

    public int size() {
        return targets.length;
    }

    public int dimension() {
        return features[0].length;
    }

    /** The examples at these positions (same labels). */
    public TrainingSet subset(int[] positions) {
        float[][] f = new float[positions.length][];
        int[] t = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            f[i] = features[positions[i]];
            t[i] = targets[positions[i]];
        }
        return new TrainingSet(f, t, labels);
    }
}
