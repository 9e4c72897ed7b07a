/**
 * Zero-shot scoring shared by the models: {@link dev.loupe.models.tags.Conse} (ConSE: class probabilities to a
 * text-space vector), {@link dev.loupe.models.tags.TagScorer} (a vocabulary scored against an image vector, with
 * CSLS hubness correction) and {@link dev.loupe.models.tags.TagVocabulary} (the words, by default the ImageNet
 * labels plus {@code common-words.txt}). Knows no model.
 */
package dev.loupe.models.tags;
