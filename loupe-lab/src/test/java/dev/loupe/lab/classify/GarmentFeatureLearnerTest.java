package dev.loupe.lab.classify;

import dev.loupe.classify.ClassifierMethod;
import dev.loupe.classify.ClassifierTrainer;
import dev.loupe.classify.FusedFeatures;
import dev.loupe.classify.Progress;
import dev.loupe.core.Space;
import dev.loupe.datasets.FashionMnist;
import dev.loupe.learn.train.GarmentEncoderConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The learned feature kind end to end on a few hundred real Fashion-MNIST images: train, cache, classify. */
class GarmentFeatureLearnerTest {
    @Test
    void learnedFeaturesOfAFewHundredImagesClassifyWellAboveChance(@TempDir Path dir) throws Exception {
        Path data = FashionMnist.defaultFolder();
        FashionMnist train = FashionMnist.read(data, true, 800);
        FashionMnist test = FashionMnist.read(data, false, 500);
        // stand-in text encoder: a fixed random vector per text (the real one is the builtin model's)
        FeatureLearner.Setup setup = new FeatureLearner.Setup(text -> {
            Random r = new Random(text.hashCode());
            float[] v = new float[48];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) r.nextGaussian();
            }
            return v;
        }, 8, 1, 1);
        GarmentFeatureLearner learner = new GarmentFeatureLearner(setup, GarmentEncoderConfig.defaults().withSize(8, 32));
        LearnedFeatures.Result r = new LearnedFeatures(learner, dir).vectors(train, 800, test, 500, Progress.NONE);
        assertTrue(Files.size(r.weights()) > 10_000, "the trained weights are cached next to the features");
        assertEquals(48, r.test().get("learned")[0].length);

        var features = FusedFeatures.learnedKinds(new Space("learned", 48), new Space(Space.VISUAL, 1),
                new Space(Space.SEMANTIC, 1)).subList(0, 1);
        var d = new ClassifyEvaluation.Data(r.train(), train.labels(), r.test(), test.labels(), FashionMnist.CLASSES);
        var options = new ClassifyEvaluation.Options(features, List.of(ClassifierMethod.KNN, ClassifierMethod.SVM_LINEAR),
                List.of(), 1000, 0.5f, 1, ClassifierTrainer.Options.defaults().withThreads(1).withSvm(10, 0, 0));
        List<EvalRun> runs = new ClassifyEvaluation(options).run(d, x -> { }, Progress.NONE);
        for (EvalRun run : runs) {
            System.out.printf("learned %s on 800 images: %.3f%n", run.method(), run.accuracy());
            assertTrue(run.accuracy() > 0.6, "ten classes, chance 0.1: " + run);
        }
        assertTrue(new LearnedFeatures(learner, dir).vectors(train, 800, test, 500, Progress.NONE).cached());
    }
}
