package dev.loupe.models.builtin;

import dev.loupe.models.onnx.OnnxGraphEdit;
import dev.loupe.models.store.ModelFile;
import dev.loupe.models.store.ModelStore;
import dev.loupe.models.store.ProgressListener;
import dev.loupe.models.store.Transform;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The files of Loupe's builtin model: MobileNetV2 (int8, ONNX Model Zoo), the ImageNet class names and their WordNet
 * ids, plus the derived copy of the model that also outputs its pooled 1280-d feature vector.
 */
public final class BuiltinModelFiles {
    /** MobileNetV2 ImageNet classifier, input {@code input} [N,3,224,224], output {@code output} [N,1000]. */
    public static final ModelFile MOBILENET_V2_INT8 = new ModelFile("mobilenetv2-12-int8.onnx",
            "https://github.com/onnx/models/raw/main/validated/vision/classification/mobilenet/model/"
                    + "mobilenetv2-12-int8.onnx",
            "83530ad811bc31d2b60a5599a21265a5057608c9b044b4ee758cc22f2309f54f", 3_655_640, "Apache-2.0");

    /** The 1000 ImageNet class names in the classifier's output order (JSON array of strings). */
    public static final ModelFile IMAGENET_LABELS = new ModelFile("imagenet-simple-labels.json",
            "https://raw.githubusercontent.com/anishathalye/imagenet-simple-labels/master/"
                    + "imagenet-simple-labels.json",
            "987705581d9446328498f950454a1cc7d8dfc578a8243d8bfdcd2588a6905aae", 14_209, "public domain");

    /**
     * The 1000 ImageNet classes as WordNet 3.0 noun ids with their synonyms ({@code n02123045 tabby, tabby cat}), in
     * the classifier's output order: the standard ILSVRC-2012 synset list, which the ONNX Model Zoo ships beside its
     * classifiers. The builtin model places its classes in WordNet's noun hierarchy with it.
     */
    public static final ModelFile IMAGENET_SYNSETS = new ModelFile("imagenet-synsets.txt",
            "https://github.com/onnx/models/raw/main/validated/vision/classification/synset.txt",
            "acf75ef0abe89694b19056e0796401068b459c457baa30335f240c7692857355", 31_675, "public domain (WordNet ids: "
                    + "WordNet 3.0 licence)");

    /** The derived model: {@link #MOBILENET_V2_INT8} with the extra output {@link #POOLED_OUTPUT}. */
    public static final String POOLED_MODEL = "mobilenetv2-12-int8-pooled.onnx";
    /** The float feature map [N,1280,7,7] inside MobileNetV2 that is pooled. */
    public static final String FEATURE_TENSOR = "627";
    /** Name of the added [N,1280] output of {@link #POOLED_MODEL}. */
    public static final String POOLED_OUTPUT = "pooled";
    /** Name of the [N,1000] logits output. */
    public static final String LOGITS_OUTPUT = "output";
    /** Name of the image input. */
    public static final String IMAGE_INPUT = "input";

    /** Identifies the edit; change it when the edit changes so that cached derived models are rebuilt. */
    static final String POOLED_RECIPE = "OnnxGraphEdit.exposePooled(" + FEATURE_TENSOR + "," + POOLED_OUTPUT + ") v1";

    private BuiltinModelFiles() {
    }

    /** All files to download for the builtin model. */
    public static List<ModelFile> files() {
        return List.of(MOBILENET_V2_INT8, IMAGENET_LABELS, IMAGENET_SYNSETS);
    }

    /**
     * Where the builtin model's files are once installed.
     *
     * @param pooledModel the classifier with outputs {@code output} (logits) and {@code pooled} (features)
     * @param labels      the ImageNet class names
     * @param synsets     the ImageNet classes' WordNet ids ({@link #IMAGENET_SYNSETS})
     */
    public record Paths(Path pooledModel, Path labels, Path synsets) {
    }

    /** Installs the model, labels and synsets (from the mirror or upstream) and derives the pooled model. */
    public static Paths installBuiltin(ModelStore store, ProgressListener progress) throws IOException {
        Path model = store.install(MOBILENET_V2_INT8, progress);
        Path labels = store.install(IMAGENET_LABELS, progress);
        Path synsets = store.install(IMAGENET_SYNSETS, progress);
        Path pooled = store.derive(POOLED_MODEL, model, POOLED_RECIPE,
                Transform.ofBytes(bytes -> OnnxGraphEdit.exposePooled(bytes, FEATURE_TENSOR, POOLED_OUTPUT)));
        return new Paths(pooled, labels, synsets);
    }
}
