package dev.loupe.classify;

import dev.loupe.core.Hit;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageIds;
import dev.loupe.core.Model;
import dev.loupe.core.Space;
import dev.loupe.core.VectorQuery;
import dev.loupe.datasets.FashionMnist;
import dev.loupe.engine.IndexProgress;
import dev.loupe.engine.IndexerOptions;
import dev.loupe.engine.Loupe;
import dev.loupe.engine.SessionOptions;
import dev.loupe.index.LuceneBackend;
import dev.loupe.engine.LoupeHome;
import dev.loupe.engine.ModelLoader;
import dev.loupe.models.image.ImageDecoder;
import dev.loupe.models.store.ProgressListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole auto-tagging story with the real builtin model: Fashion-MNIST garments written as PNG folders, a
 * library indexed, a classifier trained from a few labelled examples per class, the library labelled, labels
 * filtering queries and surviving a re-open and a re-index.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoTagEndToEndTest {
    static final List<Integer> CLASSES = List.of(1, 3, 7, 8); // Trouser, Dress, Sneaker, Bag
    static final int EXAMPLES = 8;
    static final int HELD_OUT = 10;

    @TempDir
    static Path dir;
    static Path labelled;
    static Path library;
    static Path indexDir;
    static Map<String, String> truth = new HashMap<>(); // library path → label
    static Model model;

    @BeforeAll
    static void writeImagesAndIndexLibrary() throws Exception {
        FashionMnist test = FashionMnist.read(FashionMnist.defaultFolder(), false);
        labelled = dir.resolve("labelled");
        library = dir.resolve("library");
        indexDir = dir.resolve("index");
        Map<Integer, Integer> seen = new HashMap<>();
        for (int i = 0; i < test.size() && seen.values().stream().mapToInt(x -> x).sum() < CLASSES.size() * (EXAMPLES + HELD_OUT); i++) {
            int y = test.labels()[i];
            if (!CLASSES.contains(y) || seen.getOrDefault(y, 0) >= EXAMPLES + HELD_OUT) {
                continue;
            }
            int n = seen.merge(y, 1, Integer::sum);
            String label = FashionMnist.CLASSES.get(y);
            Path file = n <= EXAMPLES ? labelled.resolve(label).resolve(i + ".png") : library.resolve(i + ".png");
            Files.createDirectories(file.getParent());
            BufferedImage img = test.render(i, 112, 112, true);
            ImageIO.write(img, "png", file.toFile());
            if (n > EXAMPLES) {
                truth.put(file.toAbsolutePath().normalize().toString(), label);
            }
        }
        Files.writeString(labelled.resolve("Bag").resolve("broken.png"), "not a png");
        model = new ModelLoader(LoupeHome.fromEnvironment(System.getenv()), System::getenv)
                .open(ModelLoader.BUILTIN, 2, ProgressListener.NONE);
        try (Loupe loupe = open()) {
            loupe.indexer(IndexerOptions.defaults()).run(List.of(library), IndexProgress.NONE);
        }
    }

    @AfterAll
    static void closeModel() {
        if (model != null) {
            model.close();
        }
    }

    static Loupe open() {
        // the Loupe owns its model; hand it a view that does not close the shared one
        Model shared = new ModelView(model);
        return Loupe.open(shared, new LuceneBackend(indexDir), SessionOptions.Access.WRITE, new ImageDecoder());
    }

    static ClassifierTraining.Report train(Loupe loupe, ClassifierMethod method) {
        return new ClassifierTraining(loupe.model(), loupe.writableIndex(), loupe.decoder(),
                new ClassifierTrainer(ClassifierTrainer.Options.defaults().withK(5).withThreads(2)))
                .train(LabelledFolders.read(labelled), FeatureExtractors.builtin(loupe.model().info()).get("concat"),
                        method, dev.loupe.classify.ClassifierFile.in(indexDir), Progress.NONE);
    }

    static LabelApplier.Report apply(Loupe loupe, float threshold) {
        return new LabelApplier(loupe.writableIndex(), FeatureExtractors.builtin(loupe.model().info()), 2)
                .apply(ClassifierFile.load(ClassifierFile.in(indexDir)), threshold, Progress.NONE);
    }

    static double libraryAccuracy(Loupe loupe) {
        int ok = 0;
        for (Map.Entry<String, String> e : truth.entrySet()) {
            Map<String, Float> labels = loupe.index().labels(ImageIds.forPath(e.getKey()));
            ok += labels.isEmpty() ? 0 : labels.keySet().iterator().next().equals(e.getValue()) ? 1 : 0;
        }
        return (double) ok / truth.size();
    }

    @Test
    @Order(1)
    void knnOnTheIndexLabelsHeldOutImagesWellAboveChance() {
        try (Loupe loupe = open()) {
            ClassifierTraining.Report trained = train(loupe, ClassifierMethod.KNN);
            assertEquals(CLASSES.size() * EXAMPLES, trained.addedToIndex(), "labelled folder is outside the library");
            assertTrue(trained.skipped().stream().anyMatch(s -> s.file().endsWith("broken.png")), trained.skipped().toString());
            LabelApplier.Report r = apply(loupe, 0f);
            assertEquals(truth.size() + CLASSES.size() * EXAMPLES, r.images());
            assertEquals(CLASSES.size() * EXAMPLES, r.examples());
            double acc = libraryAccuracy(loupe);
            assertTrue(acc >= 0.75, "kNN accuracy on held-out images " + acc + " (chance 0.25)");
            String example = labelled.resolve("Trouser").toAbsolutePath().normalize().toString();
            String anExample = loupe.index().byPath(trained.classifier().examples().keySet().stream()
                    .map(id -> loupe.index().byId(id).orElseThrow().path()).filter(p -> p.startsWith(example))
                    .findFirst().orElseThrow()).orElseThrow().id();
            assertEquals(Map.of("Trouser", 1f), loupe.index().labels(anExample), "examples keep their own label");
        }
    }

    @Test
    @Order(2)
    void labelsPersistAndFilterQueries() throws Exception {
        try (Loupe loupe = Loupe.open(new ModelView(model), new LuceneBackend(indexDir), SessionOptions.Access.READ,
                new ImageDecoder())) {
            float[] query = loupe.model().encodeText("a bag");
            List<Hit> bags = loupe.index().nearest(new VectorQuery(Space.SEMANTIC, query, 100, ImageFilter.withLabel("Bag"))).hits();
            assertTrue(bags.size() >= EXAMPLES, "examples and predicted bags: " + bags.size());
            for (Hit h : bags) {
                assertEquals("Bag", loupe.index().labels(h.id()).keySet().iterator().next(), h.path());
            }
            int all = loupe.index().nearest(new VectorQuery(Space.SEMANTIC, query, 100)).hits().size();
            assertTrue(bags.size() < all, "the filter leaves out the other labels");
        }
    }

    @Test
    @Order(3)
    void svmConfidenceUnderTheThresholdLeavesImagesUnsure() {
        try (Loupe loupe = open()) {
            train(loupe, ClassifierMethod.SVM_LINEAR);
            LabelApplier.Report sure = apply(loupe, 0f);
            assertTrue(libraryAccuracy(loupe) >= 0.75, "linear SVM accuracy " + libraryAccuracy(loupe));
            assertEquals(0, sure.unsure());
            LabelApplier.Report strict = apply(loupe, 1f);
            assertEquals(truth.size(), strict.unsure(), "Platt probabilities are below 1, so nothing is sure at 1.0");
            assertEquals(0, strict.labelled());
            truth.keySet().forEach(p -> assertEquals(Map.of(), loupe.index().labels(ImageIds.forPath(p))));
        }
    }

    @Test
    @Order(4)
    void reindexKeepsLabelsOfUnchangedContentAndDropsThemForChangedFiles() throws Exception {
        Path touched;
        Path changed;
        try (Loupe loupe = open()) {
            apply(loupe, 0f);
            List<String> paths = truth.keySet().stream().sorted().toList();
            touched = Path.of(paths.get(0));
            changed = Path.of(paths.get(1));
        }
        Files.setLastModifiedTime(touched, FileTime.fromMillis(Files.getLastModifiedTime(touched).toMillis() + 5000));
        BufferedImage other = ImageIO.read(Path.of(truth.keySet().stream().sorted().toList().get(2)).toFile());
        // new content, not a copy of an indexed image (whose vectors the indexer would reuse instead of embedding)
        other.setRGB(0, 0, other.getRGB(0, 0) ^ 0x00ffffff);
        ImageIO.write(other, "png", changed.toFile());
        Files.setLastModifiedTime(changed, FileTime.fromMillis(Files.getLastModifiedTime(changed).toMillis() + 5000));
        try (Loupe loupe = open()) {
            var report = loupe.indexer(IndexerOptions.defaults()).run(List.of(library), IndexProgress.NONE);
            assertEquals(1, report.updated(), "the changed file is re-embedded");
            assertTrue(!loupe.index().labels(ImageIds.forPath(touched.toString())).isEmpty(), "touched file keeps its label");
            assertEquals(Map.of(), loupe.index().labels(ImageIds.forPath(changed.toString())), "changed file loses its label");
        }
    }

    @Test
    @Order(5)
    void commandLineTrainsAndAppliesWithJsonOutput() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var train = dev.loupe.classify.cli.CliHarness.run(new dev.loupe.classify.cli.ClassifyCommand(), "train",
                "--index", indexDir.toString(), "--labels", labelled.toString(), "--method", "kmeans",
                "--features", "visual", "--threads", "2", "--json");
        assertEquals(0, train.exit(), train.err());
        var t = mapper.readTree(train.out());
        assertEquals("kmeans", t.get("method").asText());
        assertEquals(EXAMPLES, t.get("examplesPerLabel").get("Bag").asInt(), "the unreadable Bag file is skipped");
        assertEquals(CLASSES.size() * EXAMPLES, t.get("fromIndex").asInt(), "examples are in the index by now");
        assertTrue(t.get("skipped").toString().contains("broken.png"), train.out());
        var apply = dev.loupe.classify.cli.CliHarness.run(new dev.loupe.classify.cli.ClassifyCommand(), "apply",
                "--index", indexDir.toString(), "--threshold", "0.3", "--json");
        assertEquals(0, apply.exit(), apply.err());
        var a = mapper.readTree(apply.out());
        assertEquals(truth.size() + CLASSES.size() * EXAMPLES, a.get("images").asInt());
        assertEquals(truth.size(), a.get("labelled").asInt() + a.get("unsure").asInt());
        assertTrue(a.get("labelled").asInt() > truth.size() / 2, apply.out());
    }
}
