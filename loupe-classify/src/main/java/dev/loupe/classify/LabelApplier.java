package dev.loupe.classify;

import dev.loupe.core.WritableImageIndex;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code loupe classify apply}: labels every indexed image with a {@link TrainedClassifier}. An image whose best
 * confidence is under the threshold is "unsure" and gets no label (its old labels are removed); the labelled
 * examples keep their own label at confidence 1. First every image is predicted (reading only), then all labels
 * are written and committed at once.
 */
public final class LabelApplier {
    private static final int CHUNK = 256;

    private final WritableImageIndex index;
    private final FeatureExtractors features;
    private final int threads;

    public LabelApplier(WritableImageIndex index, FeatureExtractors features, int threads) {
        this.index = index;
        this.features = features;
        this.threads = Math.max(1, threads);
    }

    /**
     * What an apply run did.
     *
     * @param images    images in the index
     * @param labelled  images that got a predicted label
     * @param unsure    images left without a label (best confidence under the threshold)
     * @param examples  labelled examples (they keep their folder's label)
     * @param perLabel  label → images carrying it now (examples included)
     * @param threshold the confidence threshold used
     * @param seconds   wall time
     */
    public record Report(int images, int labelled, int unsure, int examples, Map<String, Integer> perLabel,
                         float threshold, double seconds) {
    }

    /** The predictor {@code trained} uses on this index: kNN searches the index, the others run in memory. */
    public ImagePredictor predictor(TrainedClassifier trained) {
        FeatureExtractor f = features.get(trained.metadata().features());
        if (trained.classifier() instanceof KnnClassifier knn && !f.searchableSpaces().isEmpty()) {
            return new IndexKnn(index, f, knn.k(), trained.examples(), trained.metadata().labels());
        }
        return ImagePredictor.of(f, trained.classifier());
    }

    public Report apply(TrainedClassifier trained, float threshold, Progress progress) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("--threshold must be between 0 and 1, got " + threshold);
        }
        String model = index.model().fingerprint();
        if (!trained.metadata().model().equals(model)) {
            throw new IllegalStateException("the classifier was trained on vectors of model " + trained.metadata().model()
                    + " but the index holds " + model + "; train it again with 'loupe classify train'");
        }
        long start = System.nanoTime();
        FeatureExtractor f = features.get(trained.metadata().features());
        ImagePredictor predictor = predictor(trained);
        Map<String, Prediction> predictions = new ConcurrentHashMap<>();
        progress.started("Labelling", index.count());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "loupe-classify");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            List<Object[]> chunk = new ArrayList<>(CHUNK);
            IndexVectors.forEach(index, f.spaces(), (record, vectors) -> {
                chunk.add(new Object[] {record, vectors});
                if (chunk.size() == CHUNK) {
                    running.add(pool.submit(predictAll(List.copyOf(chunk), trained, predictor, predictions, progress)));
                    chunk.clear();
                }
            });
            running.add(pool.submit(predictAll(List.copyOf(chunk), trained, predictor, predictions, progress)));
            for (Future<?> r : running) {
                r.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("labelling interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("labelling failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
            progress.finished();
        }
        return write(trained, predictions, threshold, start);
    }

    private static Runnable predictAll(List<Object[]> chunk, TrainedClassifier trained, ImagePredictor predictor,
                                       Map<String, Prediction> out, Progress progress) {
        return () -> {
            for (Object[] item : chunk) {
                ImageRecord record = (ImageRecord) item[0];
                String example = trained.examples().get(record.id());
                out.put(record.id(), example != null ? new Prediction(example, 1f)
                        : predictor.predict(record.id(), (ImageVectors) item[1]));
            }
            progress.advanced(chunk.size());
        };
    }

    private Report write(TrainedClassifier trained, Map<String, Prediction> predictions, float threshold, long start) {
        int labelled = 0;
        int unsure = 0;
        int examples = 0;
        Map<String, Integer> perLabel = new TreeMap<>();
        for (Map.Entry<String, Prediction> e : predictions.entrySet()) {
            Prediction p = e.getValue();
            boolean example = trained.examples().containsKey(e.getKey());
            if (example || p.sure(threshold)) {
                index.setLabels(e.getKey(), Map.of(p.label(), p.confidence()));
                perLabel.merge(p.label(), 1, Integer::sum);
                if (example) {
                    examples++;
                } else {
                    labelled++;
                }
            } else {
                index.setLabels(e.getKey(), Map.of());
                unsure++;
            }
        }
        index.commit();
        return new Report(predictions.size(), labelled, unsure, examples, perLabel, threshold,
                (System.nanoTime() - start) / 1e9);
    }
}
