/**
 * The embedded index on Lucene: one document per image file ({@link dev.loupe.index.ImageDocuments} names every
 * field), one HNSW vector field per space, labels in updatable doc values, every {@link dev.loupe.core.ImageFilter}
 * as a Lucene query inside the kNN search ({@link dev.loupe.index.FilterQueries}). Read with
 * {@link dev.loupe.index.LuceneImageIndex}, write with {@link dev.loupe.index.LuceneWritableIndex}, open either
 * through {@link dev.loupe.index.LuceneBackend}.
 */
package dev.loupe.index;
