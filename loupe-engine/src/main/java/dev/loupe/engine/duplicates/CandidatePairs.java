package dev.loupe.engine.duplicates;

import dev.loupe.core.Hit;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageIndex;
import dev.loupe.core.VectorQuery;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pair search: each image's {@code k} nearest neighbours in one space, from the index's kNN (HNSW), kept when
 * their cosine reaches a floor. N searches of cost ~log N each instead of N²/2 comparisons; each pair once.
 *
 * @param index   the index to search
 * @param space   the space to search in (the visual one when the model has it)
 * @param threads how many searches run at once
 */
public record CandidatePairs(ImageIndex index, String space, int threads) {
    /** Two image ids, {@code a < b}. */
    public record Pair(String a, String b) {
        public static Pair of(String x, String y) {
            return x.compareTo(y) < 0 ? new Pair(x, y) : new Pair(y, x);
        }
    }

    /**
     * The pairs among {@code ids} (all passing {@code scope}) whose cosine is at least {@code floor}, with it.
     */
    public Map<Pair, Float> find(List<String> ids, ImageFilter scope, int k, float floor, DuplicateProgress progress) {
        Map<Pair, Float> pairs = new ConcurrentHashMap<>();
        progress.started(ids.size());
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "loupe-pairs");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new java.util.ArrayList<>();
            for (int t = 0; t < Math.max(1, threads); t++) {
                running.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < ids.size(); i = next.getAndIncrement()) {
                        neighbours(ids.get(i), scope, k, floor, pairs);
                        progress.advanced();
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the pair search was interrupted", e);
        } finally {
            pool.shutdownNow();
        }
        return pairs;
    }

    private void neighbours(String id, ImageFilter scope, int k, float floor, Map<Pair, Float> pairs) {
        float[] v = index.vector(id, space).orElse(null);
        if (v == null) {
            return;
        }
        for (Hit h : index.nearest(new VectorQuery(space, v, k + 1, scope)).hits()) {
            if (!h.id().equals(id) && h.score() >= floor) {
                pairs.merge(Pair.of(id, h.id()), h.score(), Math::max);
            }
        }
    }
}
