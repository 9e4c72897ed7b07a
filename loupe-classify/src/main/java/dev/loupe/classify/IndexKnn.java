package dev.loupe.classify;

import dev.loupe.core.Hit;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageIndex;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.VectorQuery;
import dev.loupe.core.Vectors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * k-nearest-neighbour classification on the index: the neighbours are found with
 * {@link ImageIndex#nearest(dev.loupe.core.VectorQuery)} restricted to the labelled examples, so it scales
 * with the index's HNSW graphs rather than a scan. For a feature that spans several spaces (concat), candidates
 * come from each space and are re-scored exactly with the feature's cosine, {@code Σ weight·cos(space)}.
 * Confidence is the vote share, as in {@link KnnClassifier}.
 */
public final class IndexKnn implements ImagePredictor {
    private static final int MIN_CANDIDATES = 50;

    private final ImageIndex index;
    private final Map<String, Float> spaces;
    private final int k;
    private final Map<String, String> examples;
    private final List<String> labels;
    private final ImageFilter onlyExamples;
    private final Map<String, ImageVectors> exampleVectors = new ConcurrentHashMap<>();

    /**
     * @param features an extractor whose {@link FeatureExtractor#searchableSpaces()} is not empty
     * @param examples index id → label of the labelled examples
     * @param labels   all labels, in the order of the classifier's scores
     */
    public IndexKnn(ImageIndex index, FeatureExtractor features, int k, Map<String, String> examples, List<String> labels) {
        if (features.searchableSpaces().isEmpty()) {
            throw new IllegalArgumentException("features '" + features.name() + "' cannot be searched in the index");
        }
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("kNN needs labelled examples in the index; train again");
        }
        this.index = index;
        this.spaces = new LinkedHashMap<>(features.searchableSpaces());
        this.k = Math.min(k, examples.size());
        this.examples = Map.copyOf(examples);
        this.labels = List.copyOf(labels);
        this.onlyExamples = ImageFilter.withIds(examples.keySet());
    }

    @Override
    public Prediction predict(String id, ImageVectors vectors) {
        List<Hit> neighbours = spaces.size() == 1 ? single(id, vectors) : blended(id, vectors);
        int[] votes = new int[labels.size()];
        double[] sims = new double[labels.size()];
        int n = Math.min(k, neighbours.size());
        for (int i = 0; i < n; i++) {
            int l = labels.indexOf(examples.get(neighbours.get(i).id()));
            votes[l]++;
            sims[l] += neighbours.get(i).score();
        }
        if (n == 0) {
            return new Prediction(labels.get(0), 0f); // no example left in the index: unsure
        }
        float[] s = Votes.shares(votes, sims, n);
        int best = 0;
        for (int l = 1; l < s.length; l++) {
            if (s[l] > s[best]) {
                best = l;
            }
        }
        return new Prediction(labels.get(best), s[best]);
    }

    private List<Hit> single(String id, ImageVectors vectors) {
        String space = spaces.keySet().iterator().next();
        List<Hit> hits = new ArrayList<>(index.nearest(new VectorQuery(space, Vectors.normalize(vectors.get(space)), k + 1,
                onlyExamples)).hits());
        hits.removeIf(h -> h.id().equals(id));
        return hits;
    }

    private List<Hit> blended(String id, ImageVectors vectors) {
        Map<String, Hit> pool = new LinkedHashMap<>();
        int candidates = Math.max(MIN_CANDIDATES, 4 * k);
        for (String space : spaces.keySet()) {
            for (Hit h : index.nearest(new VectorQuery(space, Vectors.normalize(vectors.get(space)), candidates,
                    onlyExamples)).hits()) {
                pool.putIfAbsent(h.id(), h);
            }
        }
        pool.remove(id);
        List<Hit> scored = new ArrayList<>(pool.size());
        for (Hit h : pool.values()) {
            ImageVectors ex = exampleVectors.computeIfAbsent(h.id(),
                    x -> IndexVectors.of(index, x, List.copyOf(spaces.keySet())));
            if (ex == null) {
                continue;
            }
            float score = 0;
            for (Map.Entry<String, Float> s : spaces.entrySet()) {
                score += s.getValue() * Vectors.dot(Vectors.normalize(vectors.get(s.getKey())), ex.get(s.getKey()));
            }
            scored.add(new Hit(h.image(), score));
        }
        scored.sort(Comparator.comparingDouble(Hit::score).reversed());
        return scored;
    }
}
