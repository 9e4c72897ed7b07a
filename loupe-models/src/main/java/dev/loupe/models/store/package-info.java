/**
 * The verified model cache: {@link dev.loupe.models.store.ModelStore} installs each {@link
 * dev.loupe.models.store.ModelFile} from a mirror ({@code LOUPE_MODEL_MIRROR}) or upstream, checks its SHA-256,
 * keeps it under the cache folder, verifies and removes it, and derives files from installed ones through a
 * {@link dev.loupe.models.store.Transform} the caller supplies (the store knows no model-specific edit). Also keeps
 * ONNX Runtime's native libraries in one folder ({@link dev.loupe.models.store.OnnxRuntimeLibraries}).
 * Depends on no other package of loupe-models.
 */
package dev.loupe.models.store;
