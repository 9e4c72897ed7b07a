package dev.loupe.models.builtin;

import dev.loupe.models.tags.Conse;
import dev.loupe.models.tags.TagScorer;
import dev.loupe.models.tags.TagVocabulary;
import dev.loupe.models.text.EmbeddingCache;
import dev.loupe.models.text.SentenceEncoder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Probe: do more test-time views (whole image and centre crop, each with its mirror) steady the zero-shot tags?
 * Prints, for the default tag recipe's encoder/prompts/k/hubK and several temperatures, giraffe's and cat's ranks on the
 * four photo variants and the caption-tag@5 rate, for view sets FULL+mirror, FULL+CROP and FULL+CROP with both
 * mirrors (the default).
 * Run like ConseTuning (docs/quality.md).
 */
public final class TagViewsProbe {
    private TagViewsProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path shared = QualityFixture.shared();
        EmbeddingCache cache = ConseTuning.tuningCache();
        List<String> labels = QualityFixture.labels(shared);
        List<QualityFixture.Photo> photos = QualityFixture.photos(shared);
        Map<ImageView, Map<String, List<float[]>>> logits = ConseTuning.viewLogits(shared, photos);
        TagVocabulary vocabulary = TagVocabulary.defaults(labels);
        int giraffe = ConseTuning.index(photos, "giraffe.jpg");
        int chelsea = ConseTuning.index(photos, "chelsea.png");
        BuiltinRecipe.TagRecipe tags = BuiltinRecipe.DEFAULT.tags();
        try (SentenceEncoder text = SentenceEncoder.open(tags.encoder(), 2)) {
            for (float t : new float[]{2, 2.5f, 3}) {
                var recipe = new BuiltinRecipe.TagRecipe(tags.encoder(), tags.templates(), tags.topK(), t, tags.hubK(),
                        tags.views(), tags.mirror(), List.of());
                float[][] classes = ConseTuning.classEmbeddings(cache, text, labels, recipe.templates());
                float[][] words = cache.get("vocab-" + recipe.cacheKey() + "-" + vocabulary.key(), vocabulary.words().size(), () -> ConseTagger.embedWords(text, vocabulary, recipe));
                TagScorer scorer = new ConseTagger(classes, recipe).scorer(vocabulary, words);
                Conse conse = new Conse(classes, recipe.topK(), recipe.temperature());
                for (String set : List.of("full+mirror", "full+crop", "full+crop+mirrors")) {
                    List<Integer> g = new ArrayList<>();
                    List<Integer> c = new ArrayList<>();
                    int withTag = 0;
                    for (String variant : logits.get(ImageView.FULL).keySet()) {
                        String m = QualityFixture.mirrorOf(variant);
                        for (int i = 0; i < photos.size(); i++) {
                            List<float[]> views = new ArrayList<>();
                            views.add(logits.get(ImageView.FULL).get(variant).get(i));
                            if (set.contains("mirror")) {
                                views.add(logits.get(ImageView.FULL).get(m).get(i));
                            }
                            if (set.contains("crop")) {
                                views.add(logits.get(ImageView.CENTER_CROP).get(variant).get(i));
                                if (set.contains("mirrors")) {
                                    views.add(logits.get(ImageView.CENTER_CROP).get(m).get(i));
                                }
                            }
                            List<dev.loupe.core.Tag> all = scorer.top(conse.embedViews(views), vocabulary.words().size());
                            List<String> top = all.subList(0, 5).stream().map(dev.loupe.core.Tag::tag).toList();
                            withTag += photos.get(i).tags().stream().anyMatch(top::contains) ? 1 : 0;
                            if (i == giraffe) {
                                g.add(ConseTuning.rank(all, "giraffe"));
                            }
                            if (i == chelsea) {
                                c.add(ConseTuning.rank(all, "cat"));
                            }
                        }
                    }
                    System.out.printf("T=%.1f %-18s giraffe %-16s cat %-14s tag@5 %.2f/21%n", t, set, g, c,
                            withTag / 4.0);
                }
            }
        }
    }
}
