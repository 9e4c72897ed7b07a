/**
 * The words in and around an image, as every index stores and searches them: {@link dev.loupe.core.text.ImageText}
 * (file and folder names, metadata, OCR text and its state), a parsed {@link dev.loupe.core.text.TextQuery} (optional
 * words, required quoted phrases) and the answer, {@link dev.loupe.core.TextHit}s with the
 * {@link dev.loupe.core.text.TextMatch}es that say why each image matched. The field names
 * ({@link dev.loupe.core.text.TextField}) are plain words so that every backend (embedded Lucene, SolrCloud) can use
 * the same ones with a standard English analyzer.
 */
package dev.loupe.core.text;
