package dev.loupe.learn.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generates the CSS-like dataset (after the CSS description in Vo et al., CVPR 2019, drawn in 2D): scenes of one
 * to five objects on a 3x3 grid, and for each scene modification texts that add, remove or change an object,
 * each paired with the scene it leads to. Training and test scenes are disjoint. The same config and seed give
 * the same dataset.
 *
 * @param trainScenes   number of training reference scenes
 * @param testScenes    number of test reference scenes
 * @param queriesPerScene modifications drawn per reference scene
 * @param imageSize     rendered image size in pixels
 * @param seed          random seed
 */
public record CssGenerator(int trainScenes, int testScenes, int queriesPerScene, int imageSize, long seed) {
    public CssGenerator {
        if (trainScenes <= 0 || testScenes <= 0 || queriesPerScene <= 0) {
            throw new IllegalArgumentException("css-like: scene and query counts must be positive");
        }
    }

    public ComposeData generate() {
        Random rnd = new Random(seed);
        CssRenderer renderer = new CssRenderer(imageSize);
        ImageBank bank = new ImageBank(imageSize);
        List<Integer> keys = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        Map<String, Integer> keyIds = new HashMap<>();
        Set<String> trainKeys = new HashSet<>();
        List<ComposeQuery> train = new ArrayList<>();
        List<ComposeQuery> test = new ArrayList<>();
        List<Integer> gallery = new ArrayList<>();
        for (int split = 0; split < 2; split++) {
            boolean isTrain = split == 0;
            int wanted = isTrain ? trainScenes : testScenes;
            int made = 0;
            while (made < wanted) {
                CssScene scene = randomScene(rnd);
                if (!isTrain && trainKeys.contains(scene.key())) {
                    continue;
                }
                if (isTrain) {
                    trainKeys.add(scene.key());
                }
                int src = add(bank, renderer, scene, keys, captions, keyIds);
                if (!isTrain) {
                    gallery.add(src);
                }
                for (int q = 0; q < queriesPerScene; q++) {
                    Modification m = modify(scene, rnd);
                    int dst = add(bank, renderer, m.result(), keys, captions, keyIds);
                    if (isTrain) {
                        train.add(new ComposeQuery(src, m.text(), dst, m.kind(), m.removed(), m.added()));
                    } else {
                        gallery.add(dst);
                        test.add(new ComposeQuery(src, m.text(), dst, m.kind(), m.removed(), m.added()));
                    }
                }
                made++;
            }
        }
        return new ComposeData("css-like", bank, keys.stream().mapToInt(Integer::intValue).toArray(), captions, train,
                test, gallery.stream().mapToInt(Integer::intValue).toArray());
    }

    private static int add(ImageBank bank, CssRenderer r, CssScene s, List<Integer> keys, List<String> captions,
                           Map<String, Integer> keyIds) {
        keys.add(keyIds.computeIfAbsent(s.key(), k -> keyIds.size()));
        captions.add(s.caption());
        return bank.add(r.render(s));
    }

    /** A modification text and the scene it leads to. */
    public record Modification(String kind, String text, CssScene result, String removed, String added) {
    }

    /** A scene of one to five random objects in distinct cells. */
    public static CssScene randomScene(Random rnd) {
        int n = 1 + rnd.nextInt(5);
        List<Integer> cells = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8));
        java.util.Collections.shuffle(cells, rnd);
        List<CssObject> objs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            objs.add(randomObject(rnd, cells.get(i)));
        }
        return new CssScene(objs);
    }

    static CssObject randomObject(Random rnd, int cell) {
        return new CssObject(pick(CssObject.SHAPES, rnd), pick(CssObject.COLORS, rnd), pick(CssObject.SIZES, rnd),
                cell / 3, cell % 3, (rnd.nextFloat() - 0.5f) * 0.16f, (rnd.nextFloat() - 0.5f) * 0.16f);
    }

    /** Draws one applicable modification of {@code scene}: add (if a cell is free), remove (if two or more), change. */
    public static Modification modify(CssScene scene, Random rnd) {
        List<String> kinds = new ArrayList<>();
        if (scene.objects().size() < 9) {
            kinds.add("add");
        }
        if (scene.objects().size() > 1) {
            kinds.add("remove");
        }
        kinds.add("change");
        String kind = pick(kinds, rnd);
        switch (kind) {
            case "add" -> {
                List<Integer> free = new ArrayList<>();
                for (int c = 0; c < 9; c++) {
                    if (scene.at(c).isEmpty()) {
                        free.add(c);
                    }
                }
                CssObject o = randomObject(rnd, pick(free, rnd));
                return new Modification(kind, "add " + o.describe() + " to " + o.position(), scene.with(o), "",
                        phrase(o));
            }
            case "remove" -> {
                CssObject o = pick(scene.objects(), rnd);
                long same = scene.objects().stream().filter(x -> x.describe().equals(o.describe())).count();
                String text = "remove " + o.describe() + (same > 1 ? " at " + o.position() : "");
                return new Modification(kind, text, scene.without(o), phrase(o), "");
            }
            default -> {
                CssObject o = pick(scene.objects(), rnd);
                String what;
                CssObject now;
                int attr = rnd.nextInt(3);
                if (attr == 0) {
                    what = pick(others(CssObject.COLORS, o.color()), rnd);
                    now = o.withColor(what);
                } else if (attr == 1) {
                    what = pick(others(CssObject.SIZES, o.size()), rnd);
                    now = o.withSize(what);
                } else {
                    what = pick(others(CssObject.SHAPES, o.shape()), rnd);
                    now = o.withShape(what);
                }
                return new Modification(kind, "make " + o.position() + " " + o.color() + " object " + what,
                        scene.replace(o, now), phrase(o), phrase(now));
            }
        }
    }

    /** The caption phrase of one object, as {@link CssScene#caption()} writes it. */
    static String phrase(CssObject o) {
        return o.describe() + " " + o.position();
    }

    private static List<String> others(List<String> all, String not) {
        return all.stream().filter(s -> !s.equals(not)).toList();
    }

    private static <T> T pick(List<T> l, Random rnd) {
        return l.get(rnd.nextInt(l.size()));
    }
}
