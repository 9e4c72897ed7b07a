/**
 * The duplicate-detection measurement ({@code loupe-lab eval duplicates}): a labelled set made from real photos
 * ({@link dev.loupe.lab.duplicates.DuplicateSet}), the threshold choice and the precision/recall of near-duplicate
 * pairs ({@link dev.loupe.lab.duplicates.DuplicateEval}), and the count of groups on distinct Fashion-MNIST images.
 */
package dev.loupe.lab.duplicates;
