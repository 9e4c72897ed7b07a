package dev.loupe.lab.duplicates;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.Vectors;
import dev.loupe.engine.Loupe;
import dev.loupe.engine.duplicates.DuplicateFinder;
import dev.loupe.engine.duplicates.DuplicateGroup;
import dev.loupe.engine.duplicates.DuplicateProgress;
import dev.loupe.engine.duplicates.DuplicateReport;
import dev.loupe.engine.duplicates.DuplicateRules;
import dev.loupe.engine.duplicates.PixelPrint;
import dev.loupe.models.image.ImageDecodeException;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Measures duplicate detection on the labelled set of {@link DuplicateSet}. A pair is a true near-duplicate when
 * both images are the original or true copies of one photo; every other pair is not (hard: same photo with a hard
 * variant; other: different photos). The threshold grid is searched on the pairs of the even-numbered photos (tune)
 * and the chosen rules are reported on the odd-numbered ones (test) and on all, both for the rule applied to every
 * pair and end to end (the product's {@link DuplicateFinder}: kNN candidates, groups as connected components, a pair
 * counted as found when both images land in one exact or near-duplicate group).
 */
final class DuplicateEval {
    /** The label of a pair. */
    enum Label { DUP, HARD, OTHER }

    record Pair(int a, int b, float cosine, PixelPrint.Match match, Label label, boolean tune, boolean test,
                boolean exact) {
    }

    /** Precision and recall of near-duplicate pairs, with the counts. */
    record Score(long tp, long fp, long fn) {
        double precision() {
            return tp + fp == 0 ? 1 : tp / (double) (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 1 : tp / (double) (tp + fn);
        }

        String row(String what) {
            return String.format(Locale.ROOT, "| %s | %.4f | %.4f | %d | %d | %d |", what, precision(), recall(), tp,
                    fp, fn);
        }
    }

    private final Loupe loupe;
    private final List<DuplicateSet.Item> items;
    private final List<ImageRecord> records = new ArrayList<>();
    private final List<Pair> pairs = new ArrayList<>();
    private final List<Pair> candidates = new ArrayList<>();
    private final Set<String> tuneFamilies = new HashSet<>();

    DuplicateEval(Loupe loupe, List<DuplicateSet.Item> items) {
        this.loupe = loupe;
        this.items = items;
        List<String> families = items.stream().map(DuplicateSet.Item::family).distinct().sorted().toList();
        for (int i = 0; i < families.size(); i += 2) {
            tuneFamilies.add(families.get(i));
        }
        features();
    }

    private void features() {
        String space = DuplicateFinder.visualSpace(loupe.index().model());
        Map<String, float[]> vectors = new HashMap<>();
        Map<String, ImageRecord> byPath = new HashMap<>();
        loupe.index().forEach(ImageFilter.NONE, Set.of(space), (r, v) -> {
            vectors.put(r.path(), v.get(space));
            byPath.put(r.path(), r);
        });
        List<float[]> vs = new ArrayList<>();
        List<PixelPrint> prints = new ArrayList<>();
        for (DuplicateSet.Item it : items) {
            String path = it.file().toAbsolutePath().normalize().toString();
            records.add(byPath.get(path));
            vs.add(vectors.get(path));
            try {
                prints.add(PixelPrint.of(loupe.decoder().decode(it.file()).image()));
            } catch (ImageDecodeException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        List<Pair> all = java.util.stream.IntStream.range(0, items.size()).parallel().boxed().flatMap(a -> {
            List<Pair> row = new ArrayList<>();
            for (int b = a + 1; b < items.size(); b++) {
                DuplicateSet.Item x = items.get(a);
                DuplicateSet.Item y = items.get(b);
                Label label = !x.family().equals(y.family()) ? Label.OTHER
                        : x.trueCopy() && y.trueCopy() ? Label.DUP : Label.HARD;
                boolean tune = tuneFamilies.contains(x.family()) && tuneFamilies.contains(y.family());
                boolean test = !tuneFamilies.contains(x.family()) && !tuneFamilies.contains(y.family());
                float cos = Vectors.dot(vs.get(a), vs.get(b));
                row.add(new Pair(a, b, cos, cos >= MIN_COSINE ? prints.get(a).match(prints.get(b),
                        records.get(a).width() == records.get(b).width()
                                && records.get(a).height() == records.get(b).height()) : null,
                        label, tune, test, records.get(a).contentHash().equals(records.get(b).contentHash())));
            }
            return row.stream();
        }).toList();
        pairs.addAll(all);
        candidates.addAll(all.stream().filter(p -> p.exact() || p.match() != null).toList());
    }

    /** The rule applied to every pair of a subset. */
    Score perPair(DuplicateRules rules, java.util.function.Predicate<Pair> subset) {
        return score(subset, p -> p.exact() || rules.decide(p.cosine(), p.match()) == DuplicateGroup.Kind.NEAR);
    }

    /**
     * The rule's groups over a subset: connected components of the pairs it calls near-duplicates (or exact), every
     * pair in one component counted as found — what chaining does to precision, as the product's groups do.
     */
    Score grouped(DuplicateRules rules, java.util.function.Predicate<Pair> subset) {
        int[] parent = new int[items.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (Pair p : candidates) {
            if (subset.test(p) && (p.exact() || rules.decide(p.cosine(), p.match()) == DuplicateGroup.Kind.NEAR)) {
                int ra = root(parent, p.a());
                int rb = root(parent, p.b());
                parent[Math.max(ra, rb)] = Math.min(ra, rb);
            }
        }
        return score(subset, p -> root(parent, p.a()) == root(parent, p.b()));
    }

    /** Counts the labelled pairs of a subset that {@code found} calls duplicates, right and wrong, and those missed. */
    private Score score(java.util.function.Predicate<Pair> subset, java.util.function.Predicate<Pair> found) {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (Pair p : pairs) {
            if (!subset.test(p)) {
                continue;
            }
            boolean dup = found.test(p);
            if (dup && p.label() == Label.DUP) {
                tp++;
            } else if (dup) {
                fp++;
            } else if (p.label() == Label.DUP) {
                fn++;
            }
        }
        return new Score(tp, fp, fn);
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** Pairs below this cosine are never near-duplicates in any rule the grid tries: their pixels are not compared. */
    static final float MIN_COSINE = 0.6f;

    /**
     * The grid search on the tune pairs: the rules with the highest recall whose precision is at least
     * {@code minPrecision}, both counted on the groups the rules make ({@link #grouped}); ties go to the stricter
     * rules (higher cosines, smaller pixel errors).
     */
    DuplicateRules choose(double minPrecision, float similarCosine, int neighbours) {
        DuplicateRules best = null;
        Score bestScore = null;
        for (int s = 101; s >= 90; s--) {
            for (int n = Math.min(s, 100); n >= 60; n -= 2) {
                for (double err : new double[]{0.02, 0.04, 0.06, 0.08, 0.10, 0.12, 0.15, 0.2, 0.25, 0.3, 0.4}) {
                  for (double cell : new double[]{0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0, 1.2, 1.5, 9}) {
                    DuplicateRules r = new DuplicateRules(s / 100f, n / 100f, err, cell, similarCosine, neighbours);
                    Score sc = grouped(r, Pair::tune);
                    if (sc.precision() >= minPrecision && (bestScore == null || sc.recall() > bestScore.recall())) {
                        best = r;
                        bestScore = sc;
                    }
                  }
                }
            }
        }
        if (best == null) {
            throw new IllegalStateException("no rules reach precision " + minPrecision + " on the tune pairs");
        }
        return best;
    }

    /** The similar-shot cosine: the lowest at which at most {@code share} of the other-photo pairs would be called similar. */
    float similarCosine(double share) {
        List<Float> other = pairs.stream().filter(p -> p.label() == Label.OTHER).map(Pair::cosine).sorted().toList();
        return other.get((int) Math.min(other.size() - 1, Math.ceil(other.size() * (1 - share))));
    }

    /** End to end with the product's finder over the families of {@code subset} (null: all). */
    Score endToEnd(DuplicateRules rules, Boolean tune, Map<String, int[]> missedByVariant, PrintWriter log) {
        Set<String> inScope = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            if (tune == null || tune == tuneFamilies.contains(items.get(i).family())) {
                inScope.add(records.get(i).id());
            }
        }
        DuplicateReport report = new DuplicateFinder(loupe.index(), loupe.decoder(), loupe.options().threads())
                .find(ImageFilter.withIds(inScope), rules, DuplicateProgress.NONE);
        Map<String, Integer> groupOf = new HashMap<>();
        int g = 0;
        for (DuplicateGroup group : report.groups()) {
            g++;
            if (group.kind() != DuplicateGroup.Kind.SIMILAR) {
                for (ImageRecord r : group.images()) {
                    groupOf.put(r.id(), g);
                }
            }
        }
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (Pair p : pairs) {
            String a = records.get(p.a()).id();
            String b = records.get(p.b()).id();
            if (!inScope.contains(a) || !inScope.contains(b)) {
                continue;
            }
            boolean found = groupOf.containsKey(a) && groupOf.get(a).equals(groupOf.get(b));
            if (found && p.label() == Label.DUP) {
                tp++;
            } else if (found) {
                fp++;
                log.printf(Locale.ROOT, "  false pair: %s ~ %s (cosine %.3f, %s)%n", name(p.a()), name(p.b()),
                        p.cosine(), pixels(p));
            } else if (p.label() == Label.DUP) {
                fn++;
            }
            if (missedByVariant != null && p.label() == Label.DUP && items.get(p.a()).variant().equals("original")) {
                int[] counts = missedByVariant.computeIfAbsent(items.get(p.b()).variant(), v -> new int[2]);
                counts[found ? 0 : 1]++;
            }
        }
        return new Score(tp, fp, fn);
    }

    private String name(int i) {
        return items.get(i).family() + "/" + items.get(i).variant();
    }

    private static String pixels(Pair p) {
        return p.match() == null ? "pixels not compared" : String.format(Locale.ROOT, "error %.3f, cell %.2f, area %.2f",
                p.match().error(), p.match().worstCell(), p.match().area());
    }

    /** Cosine and pixel-error quantiles per label: what separates them. */
    Map<String, String> quantiles() {
        Map<String, String> out = new TreeMap<>();
        for (Label l : Label.values()) {
            List<Float> cs = pairs.stream().filter(p -> p.label() == l).map(Pair::cosine).sorted().toList();
            List<Double> es = pairs.stream().filter(p -> p.label() == l && p.match() != null)
                    .map(p -> p.match().error()).sorted().toList();
            List<Double> cells = pairs.stream().filter(p -> p.label() == l && p.match() != null)
                    .map(p -> p.match().worstCell()).sorted().toList();
            out.put(l.name(), String.format(Locale.ROOT, "%d pairs; cosine min %.3f p1 %.3f p50 %.3f p99 %.3f max "
                            + "%.3f; of the %d with cosine >= %.2f: pixel error min %.3f p50 %.3f p99 %.3f max %.3f, "
                            + "worst cell min %.2f p50 %.2f p99 %.2f max %.2f", cs.size(), cs.get(0), q(cs, 0.01),
                    q(cs, 0.5), q(cs, 0.99), cs.get(cs.size() - 1), es.size(), MIN_COSINE, q(es, 0), q(es, 0.5),
                    q(es, 0.99), q(es, 1), q(cells, 0), q(cells, 0.5), q(cells, 0.99), q(cells, 1)));
        }
        return out;
    }

    private static <T> T q(List<T> sorted, double f) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(f * sorted.size())));
    }

    /** The hardest pairs: true pairs whose pixels differ most, non-duplicates whose pixels differ least. */
    List<String> hardest(int n) {
        List<String> out = new ArrayList<>();
        java.util.function.ToDoubleFunction<Pair> err = p -> p.match() == null ? 9 : p.match().error();
        pairs.stream().filter(p -> p.label() == Label.DUP).sorted(java.util.Comparator.comparingDouble(err).reversed())
                .limit(n).forEach(p -> out.add(String.format(Locale.ROOT, "DUP   %.3f %s  %s ~ %s", p.cosine(),
                        pixels(p), name(p.a()), name(p.b()))));
        pairs.stream().filter(p -> p.label() != Label.DUP).sorted(java.util.Comparator.comparingDouble(err)).limit(n)
                .forEach(p -> out.add(String.format(Locale.ROOT, "%-5s %.3f %s  %s ~ %s", p.label(), p.cosine(),
                        pixels(p), name(p.a()), name(p.b()))));
        return out;
    }
}
