/**
 * The classification benchmark behind {@code loupe-lab eval classify}: Fashion-MNIST embedded once by the product's
 * model ({@link dev.loupe.lab.classify.DatasetEmbedder}, cached in {@link dev.loupe.lab.classify.EmbeddingFile}s),
 * every feature kind × method of loupe-classify trained and tested on all labels and on a few per class
 * ({@link dev.loupe.lab.classify.ClassifyEvaluation}), and the report folder
 * ({@link dev.loupe.lab.classify.EvalReport}).
 * The learned feature kinds train an encoder first through the {@link dev.loupe.lab.classify.FeatureLearner} seam
 * (loupe-learn's garment CNN in {@link dev.loupe.lab.classify.GarmentFeatureLearner}; a plain-Java learner in the
 * tests), cached by {@link dev.loupe.lab.classify.LearnedFeatures}.
 */
package dev.loupe.lab.classify;
