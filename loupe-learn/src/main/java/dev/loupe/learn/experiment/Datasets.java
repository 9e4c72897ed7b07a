package dev.loupe.learn.experiment;

import dev.loupe.datasets.FashionMnist;
import dev.loupe.learn.data.ColoredFashion;
import dev.loupe.learn.data.ComposeData;
import dev.loupe.learn.data.CssGenerator;
import dev.loupe.learn.data.Fashion200k;
import dev.loupe.learn.data.MitStates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Builds a composed-retrieval dataset by name. */
public final class Datasets {
    public static final List<String> NAMES = List.of("css-like", "fashion-color", "fashion200k", "mit-states");

    private Datasets() {
    }

    /**
     * @param name  one of {@link #NAMES}
     * @param scale size preset
     * @param data  the dataset folder (Fashion-MNIST IDX files, Fashion200k or MIT-States root); unused for css-like
     * @param seed  dataset seed (kept fixed across training seeds)
     */
    public static ComposeData load(String name, Scale scale, Path data, long seed) {
        return switch (name) {
            case "css-like" -> new CssGenerator(scale.cssTrain, scale.cssTest, scale.cssQueries, 32, seed).generate();
            case "fashion-color" -> {
                Path dir = require(data, name);
                yield new ColoredFashion(scale.fashionTrain, scale.fashionTest, 2, seed)
                        .build(FashionMnist.read(dir, true), FashionMnist.read(dir, false));
            }
            case "fashion200k" -> new Fashion200k(require(data, name), 32, scale == Scale.FULL ? 0 : 2000).load();
            case "mit-states" -> new MitStates(require(data, name), 32, 0.2, scale == Scale.FULL ? 0 : 20, seed).load();
            default -> throw new IllegalArgumentException("--dataset must be one of " + NAMES + ", got " + name);
        };
    }

    private static Path require(Path data, String name) {
        Path p = data;
        if (p == null && name.equals("fashion-color")) {
            p = FashionMnist.defaultFolder();
        }
        if (p == null || !Files.isDirectory(p)) {
            throw new IllegalArgumentException("--data must name the " + name + " folder; " + p + " is not a directory");
        }
        return p;
    }
}
