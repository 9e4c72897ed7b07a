/**
 * Classification over the index's fused features: kNN on the index itself, k-means and SVM (Smile); training from
 * labelled folders ({@link dev.loupe.classify.ClassifierTraining}) and labelling the collection
 * ({@link dev.loupe.classify.LabelApplier}), whose labels the engine's filter then uses.
 */
package dev.loupe.classify;
