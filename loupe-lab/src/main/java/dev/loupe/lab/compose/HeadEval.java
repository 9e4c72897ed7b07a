package dev.loupe.lab.compose;

import ai.djl.ndarray.NDManager;
import dev.loupe.core.ModelInfo;
import dev.loupe.core.compose.TextImageHead;
import dev.loupe.datasets.FashionMnist;
import dev.loupe.engine.Loupe;
import dev.loupe.learn.data.FashionGlosses;
import dev.loupe.learn.train.DeviseTrainer;
import dev.loupe.learn.train.Progress;
import dev.loupe.learn.train.TextImageHeadTrainer;
import dev.loupe.learn.train.Torch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Text→image heads on an index of coloured Fashion-MNIST ({@link ColoredFashionSet}) with the builtin model's frozen
 * vectors. DeViSE with held-out classes: the projection of the visual vectors onto the sentence encoder's vectors of
 * the class glosses is trained on the seen classes' images only, then every image of an unseen class is labelled by
 * its nearest gloss — among the unseen classes (flat zero-shot) and among all ten (generalized) — beside the same
 * labelling in the untrained index text space (ConSE: the images' semantic vectors against the glosses' text
 * vectors). A fifth of the seen classes' garments is held out as well, for the generalized hit@k of the seen
 * classes (a head biased towards the classes it was trained on labels unseen images as seen ones). VSE: captions
 * "red dress" (colour and class) of the images, trained as {@code train head --captions}
 * does, text→image R@K among the held-out images against the untrained index space.
 */
public final class HeadEval {
    private HeadEval() {
    }

    /** Writes {@code captions.csv} ({@code path,"red dress"}) for the set's attribute CSV; returns it. */
    public static Path captions(Path attributes) {
        try {
            List<String> out = new ArrayList<>(List.of("path,caption"));
            for (String line : Files.readAllLines(attributes)) {
                if (line.startsWith("path,")) {
                    continue;
                }
                int comma = line.indexOf(',');
                String description = line.substring(comma + 1);
                out.add(line.substring(0, comma) + "," + description.substring(0, description.lastIndexOf(' ')));
            }
            return Files.write(attributes.resolveSibling("captions.csv"), out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write captions next to " + attributes + ": " + e.getMessage(), e);
        }
    }

    /** DeViSE with {@code heldOut} classes never seen in training, and the untrained index space on the same images. */
    public static List<ComposerEval.Run> devise(Loupe loupe, FashionMnist split, List<Integer> heldOut,
                                   TextImageHeadTrainer.Config config, Progress progress) {
        ModelInfo model = loupe.index().model();
        IndexVectors images = IndexVectors.read(loupe.index(), "visual");
        IndexVectors own = IndexVectors.read(loupe.index(), model.textSpace());
        int[] labels = new int[images.count()];
        int[] items = new int[images.count()];
        for (int i = 0; i < labels.length; i++) {
            String name = Path.of(images.paths().get(i)).getFileName().toString();
            items[i] = Integer.parseInt(name.substring(0, name.indexOf('-')));
            labels[i] = split.labels()[items[i]];
        }
        // a fifth of the seen classes' garments (all their colours) is held out too, for the seen classes' hit@k
        List<Integer> order = new ArrayList<>(IntStream.range(0, split.size()).boxed().toList());
        java.util.Collections.shuffle(order, new java.util.Random(config.seed()));
        java.util.Set<Integer> heldOutItems = new java.util.HashSet<>(order.subList(0, split.size() / 5));
        float[][] glosses = loupe.model().encodeTexts(FashionGlosses.GLOSSES).toArray(float[][]::new);
        List<int[]> pairs = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (heldOut.contains(labels[i]) || heldOutItems.contains(items[i])) {
                test.add(i);
            } else {
                pairs.add(new int[] {i, labels[i]});
            }
        }
        TextImageHeadTrainer.Result r;
        try (NDManager m = Torch.newManager(config.seed())) {
            r = TextImageHeadTrainer.train(m, new TextImageHeadTrainer.Pairs(images.vectors(), glosses, pairs,
                    IntStream.range(0, 10).toArray()), config, "fashion-mnist", "visual", model.fingerprint(),
                    model.textSpace(), progress);
        }
        TextImageHead head = TextImageHead.of(r.file());
        float[][] projected = new float[test.size()][];
        float[][] semantic = new float[test.size()][];
        int[] testLabels = new int[test.size()];
        for (int j = 0; j < test.size(); j++) {
            int i = test.get(j);
            projected[j] = head.embedImage(images.vectors()[i]);
            semantic[j] = own.vectors()[own.byPath().get(images.paths().get(i))];
            testLabels[j] = labels[i];
        }
        List<Integer> seen = IntStream.range(0, 10).filter(c -> !heldOut.contains(c)).boxed().toList();
        return List.of(new ComposerEval.Run("devise", config.seed(), labelling(projected, testLabels, glosses,
                        heldOut, seen), pairs.size(), test.size(), r.seconds()),
                new ComposerEval.Run("index space (ConSE, untrained)", config.seed(), labelling(semantic, testLabels,
                        glosses, heldOut, seen), 0, test.size(), 0));
    }

    private static Map<String, Double> labelling(float[][] vectors, int[] labels, float[][] glosses,
                                                 List<Integer> heldOut, List<Integer> seen) {
        List<Integer> all = IntStream.range(0, 10).boxed().toList();
        Map<String, Double> out = new LinkedHashMap<>();
        out.putAll(DeviseTrainer.hits(vectors, labels, glosses, heldOut, "unseen among unseen hit@", heldOut));
        out.putAll(DeviseTrainer.hits(vectors, labels, glosses, all, "unseen among all hit@", heldOut));
        out.putAll(DeviseTrainer.hits(vectors, labels, glosses, all, "seen (held-out garments) among all hit@",
                seen));
        return out;
    }

    /** VSE trained on the captions as {@code train head --captions} does, against the untrained index space. */
    public static List<ComposerEval.Run> vse(Loupe loupe, Path captions, double heldOut,
                                             TextImageHeadTrainer.Config config, Progress progress) {
        HeadTraining.Report r = HeadTraining.train(loupe, new HeadTraining.Request(HeadTraining.Source.CAPTIONS,
                captions, heldOut, config, "visual"), progress);
        return List.of(new ComposerEval.Run("vse", config.seed(), r.metrics(), r.trainPairs(), r.heldOutImages(),
                r.seconds()), new ComposerEval.Run("index space (ConSE, untrained)", config.seed(), r.baseline(),
                0, r.heldOutImages(), 0));
    }
}
