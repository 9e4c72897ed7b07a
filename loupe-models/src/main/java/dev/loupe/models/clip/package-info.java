/**
 * CLIP-family dual encoders run with ONNX Runtime: {@link dev.loupe.models.clip.ClipModel} (the {@code Model}),
 * the model descriptors that say which files and graph names an export has ({@link dev.loupe.models.clip.ModelDescriptor},
 * {@link dev.loupe.models.clip.ModelDescriptors}, checked against the graphs by {@code GraphContract}), CLIP's
 * image preprocessing ({@link dev.loupe.models.clip.ClipPreprocessor}) and its tokenizers (OpenAI's BPE and
 * Hugging Face {@code tokenizer.json}). Builds on {@code image}, {@code tags} and {@code text}; knows nothing of
 * {@code builtin}.
 */
package dev.loupe.models.clip;
