package dev.loupe.learn.data;

import dev.loupe.datasets.FashionMnist;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The coloured, captioned Fashion-MNIST variant: every item is tinted with each of several named colours
 * ("a red dress", "a blue sneaker"). Composed queries recolour an item ("make it blue": the same item in blue),
 * and the same pairs serve the attribute-swap analogies ([red dress] - red + blue).
 *
 * @param trainItems      items taken from the training split
 * @param testItems       items taken from the test split
 * @param queriesPerItem  recolouring queries drawn per item
 * @param seed            random seed for the queries
 */
public record ColoredFashion(int trainItems, int testItems, int queriesPerItem, long seed) {
    /** The tint colours, name and RGB. */
    public static final List<String> COLORS = List.of("red", "green", "blue", "yellow", "magenta", "cyan", "orange",
            "white");
    private static final int[][] RGB = {{230, 40, 40}, {40, 200, 60}, {50, 80, 240}, {240, 220, 40},
            {220, 50, 220}, {40, 220, 230}, {250, 140, 20}, {245, 245, 245}};

    public ComposeData build(FashionMnist trainSplit, FashionMnist testSplit) {
        if (trainItems > trainSplit.size() || testItems > testSplit.size()) {
            throw new IllegalArgumentException("coloured fashion-mnist: asked for " + trainItems + "/" + testItems
                    + " items, have " + trainSplit.size() + "/" + testSplit.size());
        }
        Random rnd = new Random(seed);
        ImageBank bank = new ImageBank(trainSplit.rows());
        List<Integer> keys = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        List<ComposeQuery> train = new ArrayList<>();
        List<ComposeQuery> test = new ArrayList<>();
        List<Integer> gallery = new ArrayList<>();
        int nc = COLORS.size();
        for (int split = 0; split < 2; split++) {
            FashionMnist src = split == 0 ? trainSplit : testSplit;
            int items = split == 0 ? trainItems : testItems;
            for (int i = 0; i < items; i++) {
                int first = bank.count();
                for (int c = 0; c < nc; c++) {
                    int idx = bank.add(tint(src, i, c));
                    keys.add(idx);
                    captions.add(caption(c, src.labels()[i]));
                    if (split == 1) {
                        gallery.add(idx);
                    }
                }
                for (int q = 0; q < queriesPerItem; q++) {
                    int a = rnd.nextInt(nc);
                    int b = (a + 1 + rnd.nextInt(nc - 1)) % nc;
                    ComposeQuery cq = new ComposeQuery(first + a, "make it " + COLORS.get(b), first + b, "recolor",
                            COLORS.get(a), COLORS.get(b));
                    (split == 0 ? train : test).add(cq);
                }
            }
        }
        return new ComposeData("fashion-color", bank, keys.stream().mapToInt(Integer::intValue).toArray(), captions,
                train, test, gallery.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The RGB of colour {@code c} (an index into {@link #COLORS}). */
    public static int[] rgb(int c) {
        return RGB[c].clone();
    }

    /** {@code a red dress}. */
    public static String caption(int color, int label) {
        return "a " + COLORS.get(color) + " " + FashionMnist.NOUNS.get(label);
    }

    /** Item {@code i} tinted with colour {@code c}: RGB = gray/255 * colour, on black. */
    public static byte[] tint(FashionMnist src, int i, int c) {
        int h = src.rows();
        int w = src.cols();
        byte[] out = new byte[h * w * 3];
        for (int r = 0; r < h; r++) {
            for (int col = 0; col < w; col++) {
                int g = src.pixel(i, r, col);
                int k = (r * w + col) * 3;
                for (int ch = 0; ch < 3; ch++) {
                    out[k + ch] = (byte) (g * RGB[c][ch] / 255);
                }
            }
        }
        return out;
    }
}
