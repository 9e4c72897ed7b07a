/**
 * Loupe's vocabulary, with no dependencies: value types ({@link dev.loupe.core.ImageRecord},
 * {@link dev.loupe.core.ImageVectors}, {@link dev.loupe.core.Hit}, {@link dev.loupe.core.Tag},
 * {@link dev.loupe.core.Space}), the {@link dev.loupe.core.Model} that encodes images and text, and the index seam
 * every backend implements: {@link dev.loupe.core.ImageIndex} (read), {@link dev.loupe.core.WritableImageIndex}
 * (write), {@link dev.loupe.core.IndexBackend} (open one), with one {@link dev.loupe.core.ImageFilter} pushed into
 * every {@link dev.loupe.core.VectorQuery}.
 */
package dev.loupe.core;
