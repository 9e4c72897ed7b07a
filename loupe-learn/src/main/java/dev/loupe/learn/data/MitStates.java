package dev.loupe.learn.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reader for the public MIT-States layout: {@code images/ADJECTIVE NOUN/*.jpg} (folders named {@code adj NOUN}
 * hold unlabelled-state images and are skipped). As in TIRG, a query takes an image of a noun in one state, the
 * text is the wanted state (an adjective) and every image of that noun in that state is a correct answer. Nouns
 * are split into train and test (disjoint, seeded).
 *
 * @param root          dataset root (holding {@code images/})
 * @param imageSize     images are scaled to this square size
 * @param testFraction  share of nouns held out for testing
 * @param maxPerFolder  at most this many images per state/noun folder (0 = all)
 * @param seed          seed of the noun split and query sampling
 */
public record MitStates(Path root, int imageSize, double testFraction, int maxPerFolder, long seed) {
    /** One image with its state and noun. */
    public record Item(Path path, String adjective, String noun) {
    }

    public List<Item> items() {
        Path images = root.resolve("images");
        if (!Files.isDirectory(images)) {
            throw new IllegalArgumentException("mit-states: no images/ folder in " + root);
        }
        List<Item> items = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(images)) {
            for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
                String[] an = d.getFileName().toString().trim().split(" ", 2);
                if (an.length != 2) {
                    throw new IllegalArgumentException("mit-states: folder " + d + " is not named 'adjective noun'");
                }
                if (an[0].equals("adj")) {
                    continue;
                }
                try (Stream<Path> files = Files.list(d)) {
                    List<Path> imgs = files.filter(p -> p.toString().matches("(?i).*\\.(jpe?g|png)$")).sorted()
                            .toList();
                    int n = maxPerFolder > 0 ? Math.min(maxPerFolder, imgs.size()) : imgs.size();
                    for (int i = 0; i < n; i++) {
                        items.add(new Item(imgs.get(i), an[0], an[1]));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("mit-states: cannot list " + images + ": " + e.getMessage(), e);
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("mit-states: no images under " + images);
        }
        return items;
    }

    public ComposeData load() {
        List<Item> items = items();
        List<String> nouns = new ArrayList<>(new TreeSet<>(items.stream().map(Item::noun).toList()));
        Random rnd = new Random(seed);
        java.util.Collections.shuffle(nouns, rnd);
        int nTest = Math.max(1, (int) Math.round(nouns.size() * testFraction));
        if (nTest >= nouns.size()) {
            throw new IllegalArgumentException("mit-states: " + nouns.size() + " nouns cannot be split with test fraction "
                    + testFraction);
        }
        java.util.Set<String> testNouns = new java.util.HashSet<>(nouns.subList(0, nTest));
        ImageBank bank = new ImageBank(imageSize);
        Map<String, Integer> keyIds = new HashMap<>();
        List<Integer> keys = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        Map<String, List<Integer>> byPair = new HashMap<>();
        Map<String, List<String>> statesOfNoun = new HashMap<>();
        List<Integer> gallery = new ArrayList<>();
        for (Item it : items) {
            String pair = it.adjective() + " " + it.noun();
            int idx = bank.add(Images.read(it.path()));
            keys.add(keyIds.computeIfAbsent(pair, k -> keyIds.size()));
            captions.add(pair);
            byPair.computeIfAbsent(pair, k -> new ArrayList<>()).add(idx);
            List<String> states = statesOfNoun.computeIfAbsent(it.noun(), k -> new ArrayList<>());
            if (!states.contains(it.adjective())) {
                states.add(it.adjective());
            }
            if (testNouns.contains(it.noun())) {
                gallery.add(idx);
            }
        }
        List<ComposeQuery> train = new ArrayList<>();
        List<ComposeQuery> test = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            for (String other : statesOfNoun.get(it.noun())) {
                if (other.equals(it.adjective())) {
                    continue;
                }
                List<Integer> targets = byPair.get(other + " " + it.noun());
                int target = targets.get(rnd.nextInt(targets.size()));
                ComposeQuery q = new ComposeQuery(i, other, target, "state", it.adjective(), other);
                (testNouns.contains(it.noun()) ? test : train).add(q);
            }
        }
        return new ComposeData("mit-states", bank, keys.stream().mapToInt(Integer::intValue).toArray(), captions,
                train, test, gallery.stream().mapToInt(Integer::intValue).toArray());
    }
}
