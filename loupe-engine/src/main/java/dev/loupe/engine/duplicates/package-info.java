/**
 * Duplicates in a photo library: {@link dev.loupe.engine.duplicates.DuplicateFinder} groups exact copies (same
 * SHA-256), near-duplicates (the same picture re-encoded, resized, rotated, lightly cropped or colour-adjusted) and,
 * labelled apart, similar shots. Candidate pairs come from the index's kNN on the visual vectors, never from
 * comparing all pairs; each candidate is decided by its cosine and a perceptual hash of both decoded images
 * ({@link dev.loupe.engine.duplicates.PixelPrint}), with thresholds measured by {@code loupe-lab eval duplicates}
 * (docs/quality.md). {@link dev.loupe.engine.duplicates.DuplicateMover} moves the copies that are not kept aside
 * and back again; nothing is ever deleted or overwritten.
 */
package dev.loupe.engine.duplicates;
