/**
 * Text embeddings: {@link dev.loupe.models.text.SentenceEncoder} (bge-small-en-v1.5 and all-MiniLM-L6-v2, int8,
 * from Maven Central jars) and {@link dev.loupe.models.text.EmbeddingCache}, which keeps matrices of embedded
 * prompts and words on disk so that start-up does not embed them again. Knows no model.
 */
package dev.loupe.models.text;
