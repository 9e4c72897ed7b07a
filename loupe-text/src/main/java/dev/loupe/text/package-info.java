/**
 * The words around an image that the indexer stores for text search ({@link dev.loupe.core.text.ImageText}):
 * {@link dev.loupe.text.FileWords} (file and folder names), {@link dev.loupe.text.MetadataText} (EXIF, IPTC and XMP
 * title, description, keywords, subjects and person tags, from the file and from its
 * {@link dev.loupe.text.Sidecars XMP sidecars}). The words in it — OCR — are in {@link dev.loupe.text.ocr}.
 */
package dev.loupe.text;
