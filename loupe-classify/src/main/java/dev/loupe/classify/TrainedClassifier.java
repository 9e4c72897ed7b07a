package dev.loupe.classify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A classifier with what is needed to use it on an index later: how it was trained, on which features of which
 * model, and (for kNN) the ids of its labelled examples in the index. Saved and loaded by {@link ClassifierFile}.
 *
 * @param metadata   what it is
 * @param classifier the model itself
 * @param examples   index id → label of each labelled example it was trained on: {@code classify apply} keeps
 *                   these labels (confidence 1), and kNN on the index searches among these images
 */
public record TrainedClassifier(Metadata metadata, Classifier classifier, Map<String, String> examples) {
    public TrainedClassifier {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(classifier, "classifier");
        examples = Collections.unmodifiableMap(new LinkedHashMap<>(examples));
        for (String label : examples.values()) {
            if (!metadata.labels().contains(label)) {
                throw new IllegalArgumentException("example label '" + label + "' is not among " + metadata.labels());
            }
        }
        if (!metadata.labels().equals(classifier.labels())) {
            throw new IllegalArgumentException("metadata labels " + metadata.labels() + " differ from the classifier's "
                    + classifier.labels());
        }
    }

    /**
     * @param method            {@link ClassifierMethod#cliName()}
     * @param features          the {@link FeatureExtractor#name()} it was trained on
     * @param featureDimension  length of those feature vectors
     * @param model             fingerprint of the model whose vectors the features come from
     * @param labels            the labels it gives
     * @param examplesPerLabel  how many labelled examples each label had
     * @param parameters        the training options that mattered, as text (e.g. k, clusters, C, sigma)
     * @param created           ISO-8601 time of training
     */
    public record Metadata(String method, String features, int featureDimension, String model, List<String> labels,
                           Map<String, Integer> examplesPerLabel, Map<String, String> parameters, String created) {
        public Metadata {
            labels = List.copyOf(labels);
            examplesPerLabel = Map.copyOf(examplesPerLabel);
            parameters = Map.copyOf(parameters);
        }

        public ClassifierMethod methodKind() {
            return ClassifierMethod.parse(method);
        }
    }
}
