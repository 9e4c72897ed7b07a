package dev.loupe.classify;

import dev.loupe.core.ImageIds;
import dev.loupe.core.WritableImageIndex;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.Model;
import dev.loupe.models.image.DecodedImage;
import dev.loupe.models.image.ImageDecodeException;
import dev.loupe.models.image.ImageDecoder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code loupe classify train}: learns labels from {@link LabelledFolders} and saves the classifier beside the
 * index. The examples' vectors come from the index when a file is indexed and unchanged; other examples are
 * decoded, embedded and added to the index (kNN searches the index for them, and {@code search --label} finds
 * them). Each example is labelled in the index with its folder's label at confidence 1.
 */
public final class ClassifierTraining {
    private static final int BATCH = 16;

    private final Model model;
    private final WritableImageIndex index;
    private final ImageDecoder decoder;
    private final ClassifierTrainer trainer;

    public ClassifierTraining(Model model, WritableImageIndex index, ImageDecoder decoder, ClassifierTrainer trainer) {
        this.model = model;
        this.index = index;
        this.decoder = decoder;
        this.trainer = trainer;
    }

    /**
     * What a training run did.
     *
     * @param classifier   the trained classifier (also saved to {@code file})
     * @param file         where it was saved
     * @param fromIndex    examples whose vectors came from the index
     * @param addedToIndex examples embedded now and added to the index
     * @param skipped      files left out, with the reason
     * @param seconds      wall time
     */
    public record Report(TrainedClassifier classifier, Path file, int fromIndex, int addedToIndex,
                         List<LabelledFolders.Skipped> skipped, double seconds) {
    }

    public Report train(LabelledFolders folders, FeatureExtractor features, ClassifierMethod method, Path file,
                        Progress progress) {
        long start = System.nanoTime();
        Map<Path, ImageVectors> vectors = new LinkedHashMap<>();
        Map<Path, String> unreadable = new LinkedHashMap<>();
        int[] counts = embed(folders, vectors, unreadable, progress);
        LabelledFolders usable = folders.withoutUnreadable(unreadable);

        List<String> labels = usable.labels();
        List<float[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        Map<String, String> examples = new LinkedHashMap<>();
        Map<String, Integer> perLabel = new LinkedHashMap<>();
        usable.images().forEach((label, files) -> {
            perLabel.put(label, files.size());
            for (Path f : files) {
                x.add(features.extract(vectors.get(f)));
                y.add(labels.indexOf(label));
                examples.put(ImageIds.forPath(f.toString()), label);
            }
        });
        TrainingSet set = new TrainingSet(x.toArray(float[][]::new), y.stream().mapToInt(Integer::intValue).toArray(),
                labels);
        float[][] unlabelled = method == ClassifierMethod.KMEANS ? unlabelled(features, examples) : new float[0][];
        progress.started("Training " + method.cliName(), 1);
        Classifier classifier = trainer.train(method, set, unlabelled);
        progress.advanced(1);
        progress.finished();

        TrainedClassifier trained = new TrainedClassifier(new TrainedClassifier.Metadata(method.cliName(),
                features.name(), features.dimension(), model.info().fingerprint(), labels, perLabel,
                parameters(method, set.size() + unlabelled.length, labels.size()), Instant.now().toString()), classifier, examples);
        ClassifierFile.save(file, trained);
        examples.forEach((id, label) -> index.setLabels(id, Map.of(label, 1f)));
        index.commit();
        return new Report(trained, file, counts[0], counts[1], usable.skipped(), (System.nanoTime() - start) / 1e9);
    }

    private Map<String, String> parameters(ClassifierMethod method, int points, int labelCount) {
        ClassifierTrainer.Options o = trainer.options();
        Map<String, String> p = new LinkedHashMap<>();
        switch (method) {
            case KNN -> p.put("k", Integer.toString(o.k()));
            case KMEANS -> {
                p.put("clusters", Integer.toString(trainer.clusters(Math.min(points, o.kmeansSample()), labelCount)));
                p.put("points", Integer.toString(points));
            }
            case SVM_LINEAR, SVM_RBF -> {
                p.put("C", Double.toString(o.c()));
                p.put("sigma", o.sigma() > 0 ? Double.toString(o.sigma()) : "median distance");
                p.put("plattFolds", Integer.toString(o.plattFolds()));
            }
        }
        return p;
    }

    /** Fills {@code vectors}; returns {from index, added to index}. */
    private int[] embed(LabelledFolders folders, Map<Path, ImageVectors> vectors, Map<Path, String> unreadable,
                        Progress progress) {
        List<String> spaces = model.info().spaces().stream().map(s -> s.name()).toList();
        List<Path> toEncode = new ArrayList<>();
        progress.started("Reading examples", folders.count());
        int fromIndex = 0;
        for (List<Path> files : folders.images().values()) {
            for (Path f : files) {
                ImageVectors v = indexed(f, spaces);
                if (v != null) {
                    vectors.put(f, v);
                    fromIndex++;
                    progress.advanced(1);
                } else {
                    toEncode.add(f);
                }
            }
        }
        int added = 0;
        List<ImageRecord> records = new ArrayList<>();
        List<DecodedImage> images = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < toEncode.size(); i++) {
            Path f = toEncode.get(i);
            try {
                byte[] bytes = Files.readAllBytes(f);
                DecodedImage img = decoder.decode(bytes, f.toString());
                records.add(new ImageRecord(ImageIds.forPath(f.toString()), f.toString(), bytes.length,
                        Files.getLastModifiedTime(f).toMillis(), sha256(bytes), img.width(), img.height(), img.takenMillis()));
                images.add(img);
                paths.add(f);
            } catch (ImageDecodeException e) {
                unreadable.put(f, e.reason());
                progress.advanced(1);
            } catch (IOException e) {
                unreadable.put(f, "cannot read: " + e.getMessage());
                progress.advanced(1);
            }
            if (images.size() == BATCH || (i == toEncode.size() - 1 && !images.isEmpty())) {
                List<ImageVectors> encoded = model.encodeImages(images.stream().map(DecodedImage::image).toList());
                for (int j = 0; j < encoded.size(); j++) {
                    index.upsert(records.get(j), encoded.get(j));
                    vectors.put(paths.get(j), encoded.get(j));
                    added++;
                }
                progress.advanced(encoded.size());
                records.clear();
                images.clear();
                paths.clear();
            }
        }
        progress.finished();
        if (added > 0) {
            index.commit();
        }
        return new int[] {fromIndex, added};
    }

    /** The file's vectors from the index when it is indexed with the same size and mtime, else null. */
    private ImageVectors indexed(Path file, List<String> spaces) {
        ImageRecord r = index.byPath(file.toString()).orElse(null);
        try {
            if (r == null || Files.size(file) != r.size() || Files.getLastModifiedTime(file).toMillis() != r.mtimeMillis()) {
                return null;
            }
        } catch (IOException e) {
            return null; // unreadable now: the encode step reports it
        }
        return IndexVectors.of(index, r.id(), spaces);
    }

    /** Features of up to the k-means sample size of indexed images that are not examples (a uniform sample). */
    private float[][] unlabelled(FeatureExtractor features, Map<String, String> examples) {
        int max = trainer.options().kmeansSample();
        Random random = new Random(trainer.options().seed());
        List<float[]> reservoir = new ArrayList<>();
        long[] seen = {0};
        IndexVectors.forEach(index, features.spaces(), (record, v) -> {
            if (examples.containsKey(record.id())) {
                return;
            }
            seen[0]++;
            if (reservoir.size() < max) {
                reservoir.add(features.extract(v));
            } else {
                long j = (long) (random.nextDouble() * seen[0]);
                if (j < max) {
                    reservoir.set((int) j, features.extract(v));
                }
            }
        });
        return reservoir.toArray(float[][]::new);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
