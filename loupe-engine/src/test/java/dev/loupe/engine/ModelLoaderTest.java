package dev.loupe.engine;

import dev.loupe.core.Model;
import dev.loupe.core.Space;
import dev.loupe.core.Vectors;
import dev.loupe.models.clip.ClipModel;
import dev.loupe.models.clip.ModelDescriptors;
import dev.loupe.models.clip.TinyClip;
import dev.loupe.models.onnx.SharedData;
import dev.loupe.models.store.ModelStore;
import dev.loupe.models.store.ModelStoreException;
import dev.loupe.models.store.ProgressListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Model management over a temporary Loupe home, installing the tiny CLIP from a folder (no network). */
class ModelLoaderTest {
    @TempDir
    Path tmp;
    private LoupeHome home;
    private ModelLoader loader;
    private Path exportDir;
    private Map<String, String> sha;

    @BeforeEach
    void setUp() throws Exception {
        home = new LoupeHome(tmp.resolve("home"));
        // the mirror serves the builtin files and the ImageNet labels; CLIP files come from --from folders
        Map<String, String> env = Map.of(ModelStore.MIRROR_ENV, SharedData.dir().resolve("models").toString());
        loader = new ModelLoader(home, env::get);
        exportDir = tmp.resolve("export");
        sha = TinyClip.writeFiles(exportDir);
    }

    private Path descriptorFile(Map<String, String> checksums) throws Exception {
        Path file = tmp.resolve("tiny-clip-" + checksums.size() + ".json");
        Files.writeString(file, TinyClip.descriptorJson(checksums));
        return file;
    }

    private ModelStatus status(String name) {
        return loader.list().stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    @Test
    void listsTheBuiltinAndTheShippedModelsWithSizesAndLicences() {
        List<ModelStatus> all = loader.list();
        assertEquals(ModelLoader.BUILTIN, all.get(0).name());
        assertEquals(List.of("builtin", "openai-clip-vit-b-32", "openai-clip-vit-b-16", "openclip-vit-b-32-laion2b",
                "vit-b-32__openai", "vit-b-16-siglip-256__webli", "vit-b-16-siglip2__webli",
                "xlm-roberta-base-vit-b-32__laion5b_s13b_b90k", "nllb-clip-base-siglip__v1", "mobileclip-s0"),
                all.stream().map(ModelStatus::name).toList());
        ModelStatus siglip = all.get(5);
        assertEquals("siglip", siglip.family());
        assertEquals(111.38, siglip.relevance().scale(), 1e-9, "SigLIP carries its own logit scale and bias");
        assertTrue(siglip.downloadBytes() > 800_000_000L, "" + siglip.downloadBytes());
        assertFalse(all.get(0).installed());
        ModelStatus b32 = all.get(1);
        assertFalse(b32.installed());
        assertEquals("shipped", b32.source());
        assertTrue(b32.licence().startsWith("MIT"), b32.licence());
        assertTrue(b32.downloadBytes() > 600_000_000L && b32.downloadBytes() < 620_000_000L,
                "" + b32.downloadBytes());
        assertEquals(3, b32.files().size());
        assertTrue(b32.quality().contains("63.3%"), b32.quality());
    }

    @Test
    void installsACustomExportFromAFolderVerifiedAndOpensItInOneJointSpace() throws Exception {
        ModelStatus s = loader.install(descriptorFile(sha), null, new InstallSource(exportDir.toString(), Map.of()),
                ProgressListener.NONE);
        assertTrue(s.installed());
        assertEquals("custom", s.source());
        assertEquals(home.models().resolve("clip/tiny-clip"), s.directory());
        assertEquals(Files.size(exportDir.resolve(TinyClip.TEXT_FILE)) + Files.size(exportDir.resolve(
                TinyClip.IMAGE_FILE)) + Files.size(exportDir.resolve(TinyClip.MERGES_FILE)), s.bytesOnDisk());
        assertEquals(s, status("tiny-clip"));

        try (Model model = loader.open("tiny-clip", 1, ProgressListener.NONE)) {
            ClipModel clip = assertInstanceOf(ClipModel.class, model);
            assertEquals("tiny-clip", clip.info().id());
            assertEquals(List.of(new Space(Space.SEMANTIC, TinyClip.DIMENSION)), clip.info().spaces());
            assertTrue(clip.defaultTagVocabulary().contains("tabby cat"), "ImageNet labels from the mirror");
            assertTrue(clip.defaultTagVocabulary().contains("red"), "common words");
            assertEquals(1.0, Vectors.norm(clip.encodeText("red")), 1e-5);
        }
        assertEquals(home.root().resolve("index-tiny-clip"), ModelLoader.defaultIndex(home, "tiny-clip"));
        assertEquals(home.defaultIndex(), ModelLoader.defaultIndex(home, ModelLoader.BUILTIN));
    }

    @Test
    void filesWithoutAPublishedChecksumAreRefusedUnlessTheUserGivesOne() throws Exception {
        IllegalArgumentException shipped = assertThrows(IllegalArgumentException.class, () -> loader.install(
                "openai-clip-vit-b-16", new InstallSource(exportDir.toString(), Map.of()), ProgressListener.NONE));
        assertTrue(shipped.getMessage().contains("\"sha256\": null")
                && shipped.getMessage().contains("--sha256 clip-vit-b-16-vision.onnx=HEX")
                && shipped.getMessage().contains("--sha256 tokenizer.json=HEX"), shipped.getMessage());
        assertFalse(Files.exists(home.models().resolve("clip/openai-clip-vit-b-16")), "nothing was downloaded");

        Map<String, String> partial = new HashMap<>(sha);
        partial.remove(TinyClip.TEXT_FILE);
        Path descriptor = descriptorFile(partial);
        IllegalArgumentException custom = assertThrows(IllegalArgumentException.class, () -> loader.install(
                descriptor, null, new InstallSource(exportDir.toString(), Map.of()), ProgressListener.NONE));
        assertTrue(custom.getMessage().contains(descriptor.toString())
                && custom.getMessage().contains("--sha256 " + TinyClip.TEXT_FILE + "=HEX"), custom.getMessage());

        String wrong = "0".repeat(64);
        UncheckedIOException mismatch = assertThrows(UncheckedIOException.class, () -> loader.install(descriptor,
                "tiny-clip", new InstallSource(exportDir.toString(), Map.of(TinyClip.TEXT_FILE, wrong)),
                ProgressListener.NONE));
        assertEquals(ModelStoreException.Kind.CHECKSUM_MISMATCH,
                assertInstanceOf(ModelStoreException.class, mismatch.getCause()).kind());
        assertFalse(status("tiny-clip") != null && status("tiny-clip").installed());

        ModelStatus ok = loader.install(descriptor, "tiny-clip", new InstallSource(exportDir.toString(),
                Map.of(TinyClip.TEXT_FILE, sha.get(TinyClip.TEXT_FILE).toUpperCase())), ProgressListener.NONE);
        assertTrue(ok.installed());
        Path recorded = home.models().resolve("clip/tiny-clip/.descriptor.json");
        assertEquals(sha.get(TinyClip.TEXT_FILE), ModelDescriptors.read(recorded).file(TinyClip.TEXT_FILE)
                .orElseThrow().sha256(), "the user's checksum is recorded with the model");
        // installing again by name uses the recorded descriptor: nothing to give, nothing downloaded
        assertTrue(loader.install("tiny-clip", InstallSource.DEFAULT, ProgressListener.NONE).installed());
    }

    @Test
    void checksumOptionsMustNameTheModelsFilesAndAgreeWithPinnedOnes() throws Exception {
        Path descriptor = descriptorFile(sha);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> loader.install(
                descriptor, null, new InstallSource(exportDir.toString(), Map.of("model.onnx", sha.get(
                        TinyClip.TEXT_FILE))), ProgressListener.NONE));
        assertTrue(unknown.getMessage().contains("[model.onnx]"), unknown.getMessage());
        IllegalArgumentException contradicts = assertThrows(IllegalArgumentException.class, () -> loader.install(
                descriptor, null, new InstallSource(exportDir.toString(), Map.of(TinyClip.TEXT_FILE, "1".repeat(64))),
                ProgressListener.NONE));
        assertTrue(contradicts.getMessage().contains("contradicts"), contradicts.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new InstallSource(null, Map.of("a", "xyz")));
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class, () -> loader.install(
                descriptor, "other-name", new InstallSource(exportDir.toString(), Map.of()), ProgressListener.NONE));
        assertTrue(name.getMessage().contains("'tiny-clip'"), name.getMessage());
    }

    @Test
    void verifyFindsChangedAndMissingFilesAndRemoveDeletesTheModel() throws Exception {
        loader.install(descriptorFile(sha), null, new InstallSource(exportDir.toString(), Map.of()),
                ProgressListener.NONE);
        assertTrue(loader.verify("tiny-clip").stream().allMatch(FileCheck::ok));
        assertEquals(3, loader.verifyInstalled().size());

        Path dir = home.models().resolve("clip/tiny-clip");
        Files.write(dir.resolve(TinyClip.TEXT_FILE), new byte[] {1}, StandardOpenOption.APPEND);
        Files.delete(dir.resolve(TinyClip.MERGES_FILE));
        Map<String, FileCheck.Status> found = new HashMap<>();
        loader.verify("tiny-clip").forEach(c -> found.put(c.file(), c.status()));
        assertEquals(Map.of(TinyClip.IMAGE_FILE, FileCheck.Status.OK, TinyClip.TEXT_FILE, FileCheck.Status.CORRUPT,
                TinyClip.MERGES_FILE, FileCheck.Status.MISSING), found);
        assertFalse(status("tiny-clip").installed());

        assertTrue(loader.remove("tiny-clip"));
        assertFalse(Files.exists(dir));
        assertNull(status("tiny-clip"), "a removed custom model is no longer known");
        assertFalse(loader.remove("openai-clip-vit-b-32"));
        IllegalArgumentException gone = assertThrows(IllegalArgumentException.class,
                () -> loader.open("tiny-clip", 1, ProgressListener.NONE));
        assertTrue(gone.getMessage().contains("unknown model 'tiny-clip'"), gone.getMessage());
    }

    @Test
    void openingAModelThatIsNotInstalledSaysHowToInstallIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loader.open("openai-clip-vit-b-32", 1, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("loupe models install openai-clip-vit-b-32"), e.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> loader.open("clip-vit-h-14", 1, ProgressListener.NONE));
        assertTrue(unknown.getMessage().contains("builtin, openai-clip-vit-b-32")
                && unknown.getMessage().contains("--descriptor FILE"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> loader.verify("openai-clip-vit-b-32"));
    }

    @Test
    void theBuiltinModelInstallsVerifiesAndRemovesLikeTheOthers() {
        ModelStatus s = loader.install(ModelLoader.BUILTIN, InstallSource.DEFAULT, ProgressListener.NONE);
        assertTrue(s.installed());
        assertEquals(home.models(), s.directory());
        List<FileCheck> checks = loader.verify(ModelLoader.BUILTIN);
        assertEquals(List.of("mobilenetv2-12-int8.onnx", "imagenet-simple-labels.json", "imagenet-synsets.txt",
                "mobilenetv2-12-int8-pooled.onnx"), checks.stream().map(FileCheck::file).toList());
        assertTrue(checks.stream().allMatch(FileCheck::ok), checks.toString());
        assertTrue(loader.remove(ModelLoader.BUILTIN));
        assertFalse(status(ModelLoader.BUILTIN).installed());
        assertFalse(Files.exists(home.models().resolve("mobilenetv2-12-int8-pooled.onnx")));
    }
}
