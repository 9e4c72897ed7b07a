package dev.loupe.models.builtin;

import dev.loupe.models.tags.Conse;
import dev.loupe.models.tags.TagScorer;
import dev.loupe.models.tags.TagVocabulary;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One row of {@link TagViewsTuning}'s table: the tag measures of docs/quality.md's tag table (ranks of giraffe, cat and
 * animal per variant, tag@5, tag MRR, flat hit@k — computed exactly as {@link HierarchyTuning#tagRow} does) plus the
 * ranks of dog, horse and person on person.jpg, and the tag MRR of half A (even caption lines) and half B (odd),
 * for one view set and pooling.
 */
final class TagViewsRows {
    static final String HEADER = String.format("%-34s | %6s | %-4s | %-4s | %5s | %-9s | %-9s | %-9s | %-11s | %-9s | %-11s"
                    + " | %5s | %6s | %-23s | %-11s | %s", "views", "passes", "vec", "p", "w", "giraffe", "cat", "animal",
            "dog (pers.)", "horse", "person", "tag@5", "tagMRR", "hit@1 hit@2 hit@5 hit@10", "MRR A / B",
            "giraffe.jpg / person.jpg top 5 (original)");
    /** The tag table's rule: giraffe as high as it goes, then cat, then tag@5 + 4 x tag MRR. */
    static final Comparator<Row> RULE = Comparator.comparingInt(Row::giraffeWorst).thenComparingInt(Row::catWorst)
            .thenComparing(Comparator.comparingDouble(Row::merit).reversed());
    private static final String[] VARIANTS = {"original", "mirrored", "shrunk", "mirrored+shrunk"};

    /** The logits of photo {@code i}'s views on one variant. */
    interface Views {
        List<float[]> of(String variant, int i);
    }

    record Row(String line, int giraffeWorst, int catWorst, int animalWorst, double tagAt5, double mrr, double[] hits) {
        double merit() {
            return tagAt5 + 4 * mrr;
        }

        /** At least {@code other}'s tag@5, tag MRR (to the printed 3 decimals) and every hit@k. */
        boolean noLossAgainst(Row other) {
            if (tagAt5 < other.tagAt5 || Math.round(mrr * 1000) < Math.round(other.mrr * 1000)) {
                return false;
            }
            for (int k = 0; k < hits.length; k++) {
                if (hits[k] < other.hits[k]) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<QualityFixture.Photo> photos;
    private final TagVocabulary vocabulary;
    private final TreeWords tree;
    private final float[] priors;
    private final int giraffe;
    private final int chelsea;
    private final int person;

    TagViewsRows(List<QualityFixture.Photo> photos, TagVocabulary vocabulary, TreeWords tree, float[] priors) {
        this.photos = photos;
        this.vocabulary = vocabulary;
        this.tree = tree;
        this.priors = priors;
        this.giraffe = ConseTuning.index(photos, "giraffe.jpg");
        this.chelsea = ConseTuning.index(photos, "chelsea.png");
        this.person = ConseTuning.index(photos, "person.jpg");
    }

    /**
     * One row: the tag vector pooled ({@code vec}) over {@code vecViews}, the hierarchy probabilities ({@code prob})
     * over {@code probViews}.
     */
    Row row(String name, int passes, TagViewsTuning.Pool vec, TagViewsTuning.Pool prob, float w, Views vecViews,
            Views probViews, Conse conse, TagScorer scorer, float[][] classes) {
        List<String> words = vocabulary.words();
        String[] watched = {"giraffe", "cat", "animal", "dog", "horse", "person"};
        int[][] watchedRanks = new int[watched.length][VARIANTS.length];
        int[] ks = {1, 2, 5, 10};
        double[] hits = new double[ks.length];
        double mrr = 0;
        int mrrCount = 0;
        double[] halfMrr = new double[2];
        int[] halfCount = new int[2];
        StringBuilder tops = new StringBuilder();
        for (int v = 0; v < VARIANTS.length; v++) {
            for (int i = 0; i < photos.size(); i++) {
                float[] scores = scorer.scores(TagViewsTuning.tagVector(vecViews.of(VARIANTS[v], i), vec, conse,
                        classes, BuiltinRecipe.DEFAULT.tags().topK()));
                float[] p = tree.probabilities(TagViewsTuning.classProbabilities(probViews.of(VARIANTS[v], i), prob));
                float[] fused = BuiltinTags.fuse(scores, p, priors, w);
                int[] order = Conse.topIndices(fused, fused.length);
                int[] rank = new int[fused.length];
                for (int r = 0; r < order.length; r++) {
                    rank[order[r]] = r + 1;
                }
                int best = Integer.MAX_VALUE;
                for (String t : photos.get(i).tags()) {
                    int idx = words.indexOf(t);
                    if (idx >= 0) {
                        best = Math.min(best, rank[idx]);
                        mrr += 1.0 / rank[idx];
                        mrrCount++;
                        halfMrr[i % 2] += 1.0 / rank[idx];
                        halfCount[i % 2]++;
                    }
                }
                for (int k = 0; k < ks.length; k++) {
                    hits[k] += best <= ks[k] ? 1.0 / VARIANTS.length : 0;
                }
                for (int x = 0; x < watched.length; x++) {
                    int photo = x == 0 ? giraffe : x < 3 ? chelsea : person;
                    if (i == photo) {
                        watchedRanks[x][v] = rank[words.indexOf(watched[x])];
                    }
                }
                if (v == 0 && (i == giraffe || i == person)) {
                    tops.append(Arrays.stream(order, 0, 5).mapToObj(words::get).toList()).append(' ');
                }
            }
        }
        mrr /= mrrCount;
        String line = String.format("%-34s | %6d | %-4s | %-4s | %5.3f | %-9s | %-9s | %-9s | %-11s | %-9s | %-11s"
                        + " | %5.2f | %.3f  | %5.2f %5.2f %5.2f %5.2f | %.3f/%.3f | %s", name, passes, vec.name().toLowerCase(),
                prob.name().toLowerCase(), w, TagViewsTuning.ranks(watchedRanks[0]),
                TagViewsTuning.ranks(watchedRanks[1]), TagViewsTuning.ranks(watchedRanks[2]),
                TagViewsTuning.ranks(watchedRanks[3]), TagViewsTuning.ranks(watchedRanks[4]),
                TagViewsTuning.ranks(watchedRanks[5]), hits[2], mrr, hits[0], hits[1], hits[2], hits[3], halfMrr[0] / halfCount[0],
                halfMrr[1] / halfCount[1], tops);
        return new Row(line, max(watchedRanks[0]), max(watchedRanks[1]), max(watchedRanks[2]), hits[2], mrr, hits);
    }

    private static int max(int[] r) {
        return Arrays.stream(r).max().orElseThrow();
    }
}
