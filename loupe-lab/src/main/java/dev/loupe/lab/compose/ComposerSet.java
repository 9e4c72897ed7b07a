package dev.loupe.lab.compose;

import dev.loupe.datasets.FashionMnist;
import dev.loupe.engine.Loupe;
import dev.loupe.learn.data.AttributePairs;
import dev.loupe.learn.data.FrozenTriplets;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * A set the composers are evaluated on: image files to index with the product, what they are, and how to read the
 * queries of one seed's split from the session's index once they are indexed.
 *
 * @param name     the set's name ({@code --set})
 * @param setup    what the set is, for the report
 * @param images   the folder to index
 * @param examples the training and held-out queries of a seed, on the session's index
 */
public record ComposerSet(String name, String setup, Path images,
                          BiFunction<Loupe, Long, FrozenTriplets> examples) {
    /** The sets by name. */
    public static final List<String> NAMES = List.of("fashion-color", "css-like", "fashion200k-style");

    /**
     * Coloured Fashion-MNIST, numbered ("red dress 17"): pairs recolour one garment; the text is the new colour;
     * a fraction of the garments is held out.
     */
    public static ComposerSet fashionColor(FashionMnist split, int items, int colors, double heldOut, Path dir) {
        Path csv = ColoredFashionSet.write(split, items, colors, dir);
        String setup = String.format(Locale.ROOT, "coloured Fashion-MNIST: %d test-split garments x %d colours = %d "
                + "images (256 px PNG, garment 224 px), described 'red dress 17'; pairs mined from the descriptions "
                + "(one colour word swapped, text = the new colour); %.0f %% of garments held out per seed",
                items, colors, items * colors, heldOut * 100);
        return new ComposerSet("fashion-color", setup, dir.resolve("images"), (loupe, seed) ->
                ComposerTraining.examples(loupe, ComposerTraining.Source.ATTRIBUTES, csv, AttributePairs.Phrase.WORD,
                        heldOut, seed));
    }

    /**
     * Fashion200k-style: descriptions without item numbers ("red dress", "blue a tabby cat looking to the side"),
     * so a pair's target is any picture with the target description (Fashion200k's "replace black with red"
     * between two products); garments of Fashion-MNIST and the shared photos with their captions, both tinted.
     * Pairs swap any one word: the colour ("* dress") or, between garments of one colour, the kind ("red *").
     * Queries are split by that group: a held-out group's pairs are never trained on.
     */
    public static ComposerSet fashion200kStyle(FashionMnist split, int items, int colors, Path photos,
                                               double heldOut, Path dir) {
        List<ColoredFashionSet.Photo> p = ColoredFashionSet.photos(photos);
        Path csv = ColoredFashionSet.write(split, items, colors, false, p, dir);
        String setup = String.format(Locale.ROOT, "Fashion200k-style: %d Fashion-MNIST test-split garments and the "
                + "%d shared photos (%s, captions from captions.tsv), each in %d colours = %d images (256 px PNG), "
                + "described without item numbers ('red dress', 'red a tabby cat looking to the side'); pairs mined "
                + "between any two images whose descriptions differ by one word, the colour ('* dress') or, between "
                + "garments of one colour, the kind ('red *'), text 'replace red with blue'; every image with the "
                + "target description is a right answer; %.0f %% of these groups held out per seed (a held-out "
                + "'* dress': no dress is recoloured in training; a held-out 'red *': no red garment changes kind)",
                items, p.size(), photos, colors, (items + p.size()) * colors, heldOut * 100);
        return new ComposerSet("fashion200k-style", setup, dir.resolve("images"), (loupe, seed) ->
                ComposerTraining.examples(loupe, ComposerTraining.Source.ATTRIBUTES, csv,
                        AttributePairs.Phrase.REPLACE, heldOut, seed));
    }

    /** CSS-like scene edits rendered at {@code size} px; a fraction of the reference scenes is held out. */
    public static ComposerSet cssLike(int scenes, int edits, int size, double heldOut, Path dir) {
        CssLikeSet set = CssLikeSet.write(scenes, edits, size, 1, dir);
        String setup = String.format(Locale.ROOT, "CSS-like scene edits (2D, after Vo et al. 2019): %d random "
                + "reference scenes of 1-5 objects (3 shapes x 8 colours x 2 sizes on a 3x3 grid) with %d edits "
                + "each (add / remove / change colour, size or shape, e.g. 'make top-left red object blue'), %d "
                + "distinct scenes rendered at %d px PNG; each scene file is its own answer; %.0f %% of the reference "
                + "scenes (with their edits) held out per seed", scenes, edits, set.files(), size, heldOut * 100);
        return new ComposerSet("css-like", setup, set.images(), (loupe, seed) -> set.examples(loupe, heldOut, seed));
    }
}
