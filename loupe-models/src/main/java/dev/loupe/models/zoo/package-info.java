/**
 * The model zoo people already have on disk: reading a CLIP-family export laid out as Immich's model cache keeps it
 * ({@link dev.loupe.models.zoo.ImmichExport}) into a model descriptor, checking its graphs against its configs
 * before anything is installed. Builds on {@code clip} (descriptors, tokenizers), {@code onnx} (graph metadata) and
 * {@code store} (checksums).
 */
package dev.loupe.models.zoo;
