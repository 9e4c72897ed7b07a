/**
 * Loupe's offline builtin model: MobileNetV2-int8 (ImageNet-1k) sees, a sentence encoder reads, and ConSE joins the
 * two into one semantic space; the pooled CNN feature is a second, visual-only space.
 *
 * <p>{@link dev.loupe.models.builtin.BuiltinModel} is the {@code Model}; {@link dev.loupe.models.builtin.BuiltinRecipe}
 * holds its measured settings (docs/quality.md); {@link dev.loupe.models.builtin.BuiltinModelFiles} names its files
 * and derives the classifier with a pooled output (the ONNX edit belongs to this model, not to the store);
 * {@link dev.loupe.models.builtin.MobileNetEncoder}, {@link dev.loupe.models.builtin.ImagenetPreprocessor} and
 * {@link dev.loupe.models.builtin.ImageView} run the image tower; {@link dev.loupe.models.builtin.ConseTagger} and
 * {@code BuiltinTags} make zero-shot tags. Builds on {@code image}, {@code onnx}, {@code store}, {@code tags} and
 * {@code text}; knows nothing of {@code clip}.
 */
package dev.loupe.models.builtin;
