package dev.loupe.classify;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Saves and loads a {@link TrainedClassifier} as one file (by default {@code classifier.bin} in the index folder).
 * Layout, big-endian: magic {@code LOUPECLS}, int format version, int length + UTF-8 JSON of the
 * {@link TrainedClassifier.Metadata}, int count + (UTF id, int label index) of the labelled examples, then the
 * method's numbers (kNN: k and the examples' labels and
 * features; k-means: centroids and label distributions; SVM: per label a linear weight vector or the RBF support
 * vectors and weights, and the Platt parameters), finally the CRC-32 of all preceding bytes. No Java
 * serialization: a damaged or foreign file is refused with a message naming it.
 */
public final class ClassifierFile {
    /** The file name {@code classify train} writes beside the index. */
    public static final String NAME = "classifier.bin";
    private static final byte[] MAGIC = "LOUPECLS".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClassifierFile() {
    }

    /** The classifier file of the index in {@code indexDir}. */
    public static Path in(Path indexDir) {
        return indexDir.resolve(NAME);
    }

    /** Writes {@code trained} to {@code file} atomically (a temporary file renamed over it). */
    public static void save(Path file, TrainedClassifier trained) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            byte[] meta = JSON.writeValueAsBytes(trained.metadata());
            out.writeInt(meta.length);
            out.write(meta);
            out.writeInt(trained.examples().size());
            for (var e : trained.examples().entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(trained.metadata().labels().indexOf(e.getValue()));
            }
            switch (trained.classifier()) {
                case KnnClassifier knn -> writeKnn(out, knn);
                case KMeansClassifier km -> {
                    writeMatrix(out, km.centroids());
                    writeMatrix(out, km.distributions());
                }
                case SvmClassifier svm -> writeSvm(out, svm);
                default -> throw new IllegalArgumentException("cannot save a " + trained.classifier().getClass().getSimpleName());
            }
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, NAME, ".tmp");
            Files.write(tmp, bytes.toByteArray());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write classifier " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a classifier file; errors name the file and what to do. */
    public static TrainedClassifier load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no classifier at " + file + "; train one first with "
                    + "'loupe classify train --labels FOLDER'");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classifier " + file + ": " + e.getMessage(), e);
        }
        if (bytes.length < MAGIC.length + 12 || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IllegalStateException(file + " is not a Loupe classifier file; train it again");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        if ((int) crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt()) {
            throw new IllegalStateException("classifier " + file + " is truncated or damaged; train it again");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 4))) {
            in.skipNBytes(MAGIC.length);
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalStateException("classifier " + file + " has format version " + version
                        + "; this Loupe reads " + VERSION + " — train it again");
            }
            byte[] meta = new byte[in.readInt()];
            in.readFully(meta);
            TrainedClassifier.Metadata m = JSON.readValue(meta, TrainedClassifier.Metadata.class);
            Map<String, String> examples = new LinkedHashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                examples.put(in.readUTF(), m.labels().get(in.readInt()));
            }
            Classifier c = switch (m.methodKind()) {
                case KNN -> readKnn(in, m);
                case KMEANS -> new KMeansClassifier(readMatrix(in), readMatrix(in), m.labels());
                case SVM_LINEAR, SVM_RBF -> readSvm(in, m);
            };
            return new TrainedClassifier(m, c, examples);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("classifier " + file + " is malformed (" + e.getMessage()
                    + "); train it again", e);
        }
    }

    private static void writeKnn(DataOutputStream out, KnnClassifier knn) throws IOException {
        out.writeInt(knn.k());
        int[] t = knn.targets();
        out.writeInt(t.length);
        for (int v : t) {
            out.writeInt(v);
        }
        writeMatrix(out, knn.examples());
    }

    private static KnnClassifier readKnn(DataInputStream in, TrainedClassifier.Metadata m) throws IOException {
        int k = in.readInt();
        int[] targets = new int[in.readInt()];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = in.readInt();
        }
        float[][] examples = readMatrix(in);
        return new KnnClassifier(new TrainingSet(examples, targets, m.labels()), k);
    }

    private static void writeSvm(DataOutputStream out, SvmClassifier svm) throws IOException {
        out.writeInt(svm.machines().size());
        for (int l = 0; l < svm.machines().size(); l++) {
            switch (svm.machines().get(l)) {
                case SvmMachine.Linear lin -> {
                    out.writeByte(0);
                    writeDoubles(out, lin.w());
                    out.writeDouble(lin.b());
                }
                case SvmMachine.Rbf rbf -> {
                    out.writeByte(1);
                    out.writeDouble(rbf.sigma());
                    writeMatrix(out, rbf.vectors());
                    writeDoubles(out, rbf.alpha());
                    out.writeDouble(rbf.b());
                }
            }
            out.writeDouble(svm.platts().get(l).alpha());
            out.writeDouble(svm.platts().get(l).beta());
        }
    }

    private static SvmClassifier readSvm(DataInputStream in, TrainedClassifier.Metadata m) throws IOException {
        int n = in.readInt();
        List<SvmMachine> machines = new ArrayList<>();
        List<Platt> platts = new ArrayList<>();
        for (int l = 0; l < n; l++) {
            int type = in.readByte();
            if (type == 0) {
                machines.add(new SvmMachine.Linear(readDoubles(in), in.readDouble()));
            } else if (type == 1) {
                double sigma = in.readDouble();
                float[][] vectors = readMatrix(in);
                machines.add(new SvmMachine.Rbf(sigma, vectors, readDoubles(in), in.readDouble()));
            } else {
                throw new IOException("unknown SVM machine type " + type);
            }
            platts.add(new Platt(in.readDouble(), in.readDouble()));
        }
        return new SvmClassifier(machines, platts, m.labels());
    }

    private static void writeMatrix(DataOutputStream out, float[][] rows) throws IOException {
        out.writeInt(rows.length);
        out.writeInt(rows.length == 0 ? 0 : rows[0].length);
        for (float[] r : rows) {
            for (float v : r) {
                out.writeFloat(v);
            }
        }
    }

    private static float[][] readMatrix(DataInputStream in) throws IOException {
        int n = in.readInt();
        int d = in.readInt();
        if (n < 0 || d < 0 || (long) n * d > 200_000_000L) {
            throw new IOException("implausible matrix size " + n + "x" + d);
        }
        float[][] rows = new float[n][d];
        for (float[] r : rows) {
            for (int j = 0; j < d; j++) {
                r[j] = in.readFloat();
            }
        }
        return rows;
    }

    private static void writeDoubles(DataOutputStream out, double[] v) throws IOException {
        out.writeInt(v.length);
        for (double x : v) {
            out.writeDouble(x);
        }
    }

    private static double[] readDoubles(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 100_000_000) {
            throw new IOException("implausible vector length " + n);
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readDouble();
        }
        return v;
    }
}
