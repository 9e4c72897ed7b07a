package dev.loupe.models.zoo;

import dev.loupe.core.Vectors;
import dev.loupe.models.clip.ClipModel;
import dev.loupe.models.clip.ModelDescriptor;
import dev.loupe.models.clip.ModelDescriptors;
import dev.loupe.models.clip.ModelFamily;
import dev.loupe.models.clip.ModelFile;
import dev.loupe.models.clip.ResizeMode;
import dev.loupe.models.clip.TextCleaning;
import dev.loupe.models.clip.TinyClip;
import dev.loupe.models.clip.TinyZoo;
import dev.loupe.models.clip.TokenizerKind;
import dev.loupe.models.image.ResampleFilter;
import dev.loupe.models.onnx.Dim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reading model folders laid out as Immich's model cache keeps them, with the tiny SigLIP, M-CLIP and MobileCLIP
 * exports of {@link TinyZoo}: the descriptor has what Immich feeds each graph, the model runs, a query in six
 * languages lands on the same colour, and broken folders are refused with what is wrong and what to do.
 */
class ImmichExportTest {
    @TempDir
    Path tmp;

    private static BufferedImage solid(Color c) {
        BufferedImage img = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, 300, 200);
        g.dispose();
        return img;
    }

    private static ClipModel open(ModelDescriptor d, Path dir) {
        return ClipModel.open(d, dir, ClipModel.Settings.of(1, List.of("red", "green", "blue")));
    }

    @Test
    void siglipFolderReadsAsSigmoidFamilyWithSquashResizeAndCanonicalCleaning() throws IOException {
        Path dir = TinyZoo.siglip(tmp);
        ModelDescriptor d = ImmichExport.read(dir, "tiny-siglip");
        assertEquals(ModelFamily.SIGLIP, d.family());
        assertEquals(TinyZoo.SIGLIP_DIMENSION, d.embeddingDimension());
        assertEquals(256, d.image().size());
        assertEquals(ResizeMode.SQUASH, d.image().resize());
        assertEquals(0.5, d.image().mean().r(), 1e-9);
        assertEquals(TokenizerKind.HF_TOKENIZER, d.text().tokenizer());
        assertEquals(64, d.text().contextLength());
        assertEquals("</s>", d.text().padToken());
        assertEquals(TextCleaning.CANONICALIZE, d.text().clean());
        assertEquals(List.of("image", "embedding", "text", "embedding", "int32"), List.of(d.graph().imageInput(),
                d.graph().imageOutput(), d.graph().textInput(), d.graph().textOutput(), d.graph().textInputType()));
        assertNull(d.graph().attentionMaskInput());
        assertEquals(ImmichExport.FILES, d.files().stream().map(ModelFile::name).toList());
        for (ModelFile f : d.files()) {
            assertEquals(TinyClip.sha256(Files.readAllBytes(dir.resolve(f.name()))), f.sha256(), f.name());
            assertTrue(f.url().startsWith(ImmichExport.HUB + TinyZoo.SIGLIP + "/resolve/main/"), f.url());
        }
        // the descriptor round-trips through JSON, as it is recorded with the installed model
        assertEquals(d, ModelDescriptors.parse(ModelDescriptors.toJson(d), "round trip"));
    }

    @Test
    void multilingualFolderReadsAsMclipWithAnAttentionMask() throws IOException {
        ModelDescriptor d = ImmichExport.read(TinyZoo.multilingual(tmp), "tiny-m-clip");
        assertEquals(ModelFamily.MCLIP, d.family());
        assertEquals(List.of("input_ids", "attention_mask", "int32"), List.of(d.graph().textInput(),
                d.graph().attentionMaskInput(), d.graph().textInputType()));
        assertEquals("<pad>", d.text().padToken());
        assertEquals(TextCleaning.WHITESPACE, d.text().clean());
        assertEquals(ResizeMode.SHORTEST, d.image().resize());
    }

    @Test
    void mobileClipFolderReadsWith256PixelsBilinearAndNoNormalization() throws IOException {
        ModelDescriptor d = ImmichExport.read(TinyZoo.mobileClip(tmp), "tiny-mobileclip");
        assertEquals(ModelFamily.MOBILECLIP, d.family());
        assertEquals(256, d.image().crop());
        assertEquals(ResampleFilter.BILINEAR, d.image().resample());
        assertEquals(1.0, d.image().std().g(), 1e-9);
        assertEquals(dev.loupe.models.clip.ClipBpeVocabulary.END_TOKEN, d.text().padToken());
    }

    /** Each family's tiny model runs from the descriptor read off its folder, and sees colour in every language. */
    @Test
    void everyFamilyRunsAndColourWordsInSixLanguagesAgree() throws IOException {
        for (Path dir : List.of(TinyZoo.siglip(tmp), TinyZoo.multilingual(tmp), TinyZoo.mobileClip(tmp))) {
            ModelDescriptor d = ImmichExport.read(dir, "tiny");
            try (ClipModel m = open(d, dir)) {
                List<dev.loupe.core.ImageVectors> images = m.encodeImages(List.of(solid(new Color(30, 60, 220)),
                        solid(new Color(220, 40, 30)), solid(Color.GRAY)));
                float[] blue = images.get(0).get("semantic");
                float[] red = images.get(1).get("semantic");
                // SigLIP's canonical cleaning lower-cases; XLM-RoBERTa's pieces are case-sensitive
                List<String> queries = dir.endsWith(TinyZoo.MOBILECLIP) ? List.of("blue", "a blue photo")
                        : List.of("blue", "blau", "azul", "bleu", "青", "蓝",
                        dir.endsWith(TinyZoo.SIGLIP) ? "The BLUE sky!" : "the blue sky");
                for (String q : queries) {
                    float[] t = m.encodeText(q);
                    assertTrue(Vectors.dot(t, blue) > Vectors.dot(t, red) + 0.05,
                            dir.getFileName() + ": '" + q + "' " + Vectors.dot(t, blue) + " vs " + Vectors.dot(t, red));
                }
                if (!dir.endsWith(TinyZoo.MOBILECLIP)) {
                    float[] rot = m.encodeText("rot");
                    assertTrue(Vectors.dot(rot, red) > Vectors.dot(rot, blue) + 0.05, dir.getFileName().toString());
                }
            }
        }
    }

    /** The mask matters: the padding row is non-zero, so feeding no mask (or a wrong one) changes the embedding. */
    @Test
    void theMclipTextGraphIsFedTheTokenizersMask() throws IOException {
        Path dir = TinyZoo.multilingual(tmp);
        try (ClipModel m = open(ImmichExport.read(dir, "tiny"), dir)) {
            float[] short1 = m.encodeText("blau");
            float[] short2 = m.encodeText("blau blau blau");
            // with the mask only "blau" rows count: one or three of them point the same way once normalized
            assertTrue(Vectors.dot(short1, short2) > 0.98, "cosine " + Vectors.dot(short1, short2));
        }
    }

    @Test
    void aFolderMissingAFileIsRefusedListingWhatAnExportHolds() throws IOException {
        Path dir = TinyZoo.siglip(tmp);
        Files.delete(dir.resolve(ImmichExport.TOKENIZER_CONFIG));
        Files.delete(dir.resolve(ImmichExport.PREPROCESS));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImmichExport.read(dir, "x"));
        assertTrue(e.getMessage().contains("has no visual/preprocess_cfg.json, textual/tokenizer_config.json")
                && e.getMessage().contains("copy the whole folder"), e.getMessage());
    }

    @Test
    void aGraphWhoseInputSizeDoesNotMatchItsPreprocessingConfigIsRefused() throws IOException {
        Path dir = TinyZoo.siglip(tmp);
        TinyClip.Shape clip224 = new TinyClip.Shape(224, new dev.loupe.models.clip.Rgb(0.5, 0.5, 0.5),
                new dev.loupe.models.clip.Rgb(0.5, 0.5, 0.5), TinyZoo.SIGLIP_DIMENSION);
        Files.write(dir.resolve(ImmichExport.VISUAL), TinyClip.imageGraph("image", "embedding", Dim.of(1), clip224));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImmichExport.read(dir, "x"));
        assertTrue(e.getMessage().contains("visual/model.onnx input 'image' has shape [1, 3, 224, 224]")
                && e.getMessage().contains("visual/preprocess_cfg.json says images of 256x256")
                && e.getMessage().contains("different exports"), e.getMessage());
    }

    @Test
    void aTextGraphWhoseContextOrEmbeddingDoesNotMatchTheConfigIsRefused() throws IOException {
        Path dir = TinyZoo.siglip(tmp);
        TinyZoo.writeJsonForTest(dir.resolve(ImmichExport.CONFIG), Map.of("embed_dim", TinyZoo.SIGLIP_DIMENSION,
                "init_logit_bias", -10, "text_cfg", Map.of("context_length", 77)));
        IllegalArgumentException context = assertThrows(IllegalArgumentException.class,
                () -> ImmichExport.read(dir, "x"));
        assertTrue(context.getMessage().contains("textual/model.onnx input 'text' has shape [1, 64]")
                && context.getMessage().contains("text_cfg.context_length 77"), context.getMessage());

        TinyZoo.writeJsonForTest(dir.resolve(ImmichExport.CONFIG), Map.of("embed_dim", 512, "text_cfg",
                Map.of("context_length", 64)));
        IllegalArgumentException embed = assertThrows(IllegalArgumentException.class,
                () -> ImmichExport.read(dir, "x"));
        assertTrue(embed.getMessage().contains("output 'embedding'") && embed.getMessage().contains("embed_dim 512"),
                embed.getMessage());
    }

    @Test
    void aCatalogueEntryRefusesAFolderWhoseGraphsAreNamedOtherwise() throws IOException {
        Path dir = TinyZoo.siglip(tmp);
        ModelDescriptor known = ModelDescriptors.shipped("vit-b-16-siglip-256__webli").orElseThrow();
        ImmichExport.requireMatches(known, ImmichExport.read(dir, known.name()), dir); // the tiny export fits
        TinyClip.Shape shape = new TinyClip.Shape(256, new dev.loupe.models.clip.Rgb(0.5, 0.5, 0.5),
                new dev.loupe.models.clip.Rgb(0.5, 0.5, 0.5), TinyZoo.SIGLIP_DIMENSION);
        Files.write(dir.resolve(ImmichExport.VISUAL), TinyClip.imageGraph("pixel_values", "image_embeds", Dim.of(1),
                shape));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImmichExport.requireMatches(known, ImmichExport.read(dir, known.name()), dir));
        assertTrue(e.getMessage().contains("graph.imageInput is pixel_values in the folder, image in the catalogue")
                && e.getMessage().contains("install it under another name"), e.getMessage());
    }

    @Test
    void aTokenizerOfAnUnknownKindIsRefusedBeforeInstalling() throws IOException {
        Path dir = TinyZoo.siglip(tmp);
        Files.copy(TinyZoo.fixture("wordlevel-tokenizer.json", tmp.resolve("fixtures")), dir.resolve(
                ImmichExport.TOKENIZER), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImmichExport.read(dir, "x"));
        assertTrue(e.getMessage().contains("textual/tokenizer.json") && e.getMessage().contains("'WordLevel'"),
                e.getMessage());
    }

    @Test
    void anImmichCacheIsSearchedForTheNamedModel() throws IOException {
        Path cache = tmp.resolve("model-cache");
        Path model = TinyZoo.siglip(cache.resolve("clip"));
        assertEquals(model, ImmichExport.locate(cache, "vit-b-16-siglip-256__webli"));
        assertEquals(model, ImmichExport.locate(model, null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImmichExport.locate(cache, "vit-b-32__openai"));
        assertTrue(e.getMessage().contains("no folder of model 'vit-b-32__openai'"), e.getMessage());
        assertEquals("vit-b-16-siglip-256__webli", ImmichExport.loupeName(TinyZoo.SIGLIP));
    }
}
