package dev.loupe.lab.classify;

/**
 * One cell of the classification evaluation.
 *
 * @param features         feature kind (visual, semantic, concat)
 * @param method           classifier method
 * @param labelsPerClass   labelled training images per class, or 0 for the whole training split
 * @param trainedOn        labelled images the classifier was trained on
 * @param accuracy         share of test images whose best label is right
 * @param coverage         share of test images whose confidence reaches the threshold (the rest are "unsure")
 * @param accuracyCovered  accuracy among those covered images
 * @param seconds          training plus testing wall time
 * @param confusion        [true class][predicted class] counts over the test images
 */
public record EvalRun(String features, String method, int labelsPerClass, int trainedOn, double accuracy,
                      double coverage, double accuracyCovered, double seconds, int[][] confusion) {
    /** "all" or the number of labels per class. */
    public String labelsName() {
        return labelsPerClass == 0 ? "all" : Integer.toString(labelsPerClass);
    }
}
