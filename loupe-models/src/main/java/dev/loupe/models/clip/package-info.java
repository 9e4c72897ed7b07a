/**
 * Dual encoders run with ONNX Runtime — OpenAI CLIP and OpenCLIP, SigLIP and SigLIP 2, Multilingual-CLIP,
 * MobileCLIP ({@link dev.loupe.models.clip.ModelFamily}): {@link dev.loupe.models.clip.ClipModel} (the
 * {@code Model}), the model descriptors that say which files and graph names an export has
 * ({@link dev.loupe.models.clip.ModelDescriptor}, {@link dev.loupe.models.clip.ModelDescriptors}, checked against
 * the graphs by {@code GraphContract}), the image preprocessing ({@link dev.loupe.models.clip.ClipPreprocessor}:
 * shortest side + centre crop, or squash) and the tokenizers (OpenAI's BPE, and Hugging Face {@code tokenizer.json}
 * files through {@link dev.loupe.models.clip.HfClipTokenizer} and {@link dev.loupe.models.clip.HfTokenizer}).
 * Builds on {@code image}, {@code tags} and {@code text}; knows nothing of {@code builtin}.
 */
package dev.loupe.models.clip;
