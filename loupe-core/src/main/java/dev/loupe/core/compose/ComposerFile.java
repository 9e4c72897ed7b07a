package dev.loupe.core.compose;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * One trained composer (or projection) in one file: its {@link ComposerMetadata} and its weights as named
 * {@link Tensor}s. The file may carry extra tensors (e.g. the trainer's image encoder, named {@code encoder.*})
 * that the pure-Java {@link #composer()} ignores.
 *
 * <p>Layout (big-endian): magic {@code LOUPECMP}, int format version, int length + UTF-8 metadata as
 * {@link Properties} text, int tensor count, then per tensor: UTF name, int rank, int dims, float values;
 * finally the CRC-32 of all preceding bytes, so a truncated or damaged file is refused.
 */
public final class ComposerFile {
    private static final byte[] MAGIC = "LOUPECMP".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    private final ComposerMetadata metadata;
    private final Map<String, Tensor> tensors;
    private final String source;

    public ComposerFile(ComposerMetadata metadata, List<Tensor> tensors) {
        this(metadata, tensors, "composer " + metadata.method());
    }

    private ComposerFile(ComposerMetadata metadata, List<Tensor> tensors, String source) {
        this.metadata = metadata;
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (Tensor t : tensors) {
            if (m.put(t.name(), t) != null) {
                throw new IllegalArgumentException(source + ": duplicate tensor " + t.name());
            }
        }
        this.tensors = Collections.unmodifiableMap(m);
        this.source = source;
    }

    public ComposerMetadata metadata() {
        return metadata;
    }

    /** All tensors in file order. */
    public Map<String, Tensor> tensors() {
        return tensors;
    }

    /** The tensor of this name, or an error naming the file and the missing tensor. */
    public Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException(describe() + " lacks tensor '" + name + "' needed by method "
                    + metadata.method() + "; the file is damaged or was written by another version");
        }
        return t;
    }

    String describe() {
        return source;
    }

    /** The pure-Java composer for these weights. */
    public Composer composer() {
        return Composers.create(this);
    }

    /**
     * The composer, after checking that it was made for this space (image vectors in and out of {@code dim}
     * values) and text vectors of {@code textDim} values.
     *
     * @throws IllegalArgumentException naming both sides when the file was trained for another space or size
     */
    public Composer composerFor(String space, int dim, int textDim) {
        ComposerMetadata m = metadata;
        if (m.method().equals(Composers.PROJECTION)) {
            throw new IllegalArgumentException(describe() + " holds a projection into space '" + m.space()
                    + "', not a composer; load it with projectionFor");
        }
        if (!m.space().equals(space) || m.imageDim() != dim || m.outputDim() != dim || m.textDim() != textDim) {
            throw new IllegalArgumentException(describe() + " was trained for space '" + m.space() + "' (image "
                    + m.imageDim() + "-d in, " + m.outputDim() + "-d out, text " + m.textDim() + "-d from "
                    + m.textEncoder() + ") but is being used with space '" + space + "' (" + dim + "-d, text "
                    + textDim + "-d); train a composer for this space and text encoder");
        }
        return composer();
    }

    /**
     * The projection, after checking that it maps vectors of {@code sourceSpace} ({@code sourceDim} values) into
     * {@code targetSpace} ({@code targetDim} values). The source space is the metadata property
     * {@code source.space}.
     */
    public Composer projectionFor(String sourceSpace, int sourceDim, String targetSpace, int targetDim) {
        ComposerMetadata m = metadata;
        String src = m.properties().getOrDefault("source.space", "?");
        if (!m.method().equals(Composers.PROJECTION) || !src.equals(sourceSpace) || m.imageDim() != sourceDim
                || !m.space().equals(targetSpace) || m.outputDim() != targetDim) {
            throw new IllegalArgumentException(describe() + " (" + m.method() + ") maps '" + src + "' ("
                    + m.imageDim() + "-d) into '" + m.space() + "' (" + m.outputDim() + "-d) but is being used from '"
                    + sourceSpace + "' (" + sourceDim + "-d) into '" + targetSpace + "' (" + targetDim
                    + "-d); train a projection for these spaces");
        }
        return composer();
    }

    /** Reads a composer file; the error names the file and what is wrong with it. */
    public static ComposerFile load(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read composer file " + path + ": " + e.getMessage(), e);
        }
        String src = "composer file " + path;
        if (bytes.length < MAGIC.length + 8
                || !java.util.Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IllegalArgumentException(src + " is not a Loupe composer file (no LOUPECMP header)");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
        if ((int) crc.getValue() != stored) {
            throw new IllegalArgumentException(src + " is truncated or damaged (checksum mismatch); copy or train it again");
        }
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes, 0, bytes.length - 4))) {
            in.skipNBytes(MAGIC.length);
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException(src + " has format version " + version + "; this Loupe reads "
                        + VERSION);
            }
            byte[] meta = new byte[in.readInt()];
            in.readFully(meta);
            ComposerMetadata metadata = parseMetadata(new String(meta, StandardCharsets.UTF_8), src);
            int count = in.readInt();
            List<Tensor> list = new java.util.ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int[] shape = new int[in.readInt()];
                long n = 1;
                for (int d = 0; d < shape.length; d++) {
                    shape[d] = in.readInt();
                    n *= shape[d];
                }
                if (n < 0 || n > (bytes.length / 4)) {
                    throw new IllegalArgumentException(src + ": tensor " + name + " claims " + n + " values");
                }
                byte[] raw = new byte[(int) n * 4];
                in.readFully(raw);
                float[] data = new float[(int) n];
                ByteBuffer.wrap(raw).asFloatBuffer().get(data);
                list.add(new Tensor(name, shape, data));
            }
            return new ComposerFile(metadata, list, src);
        } catch (IOException e) {
            throw new IllegalArgumentException(src + " is malformed: " + e.getMessage(), e);
        }
    }

    /** Writes this composer to {@code path} (replacing it). */
    public void save(Path path) {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(buf)) {
                out.write(MAGIC);
                out.writeInt(VERSION);
                byte[] meta = formatMetadata(metadata).getBytes(StandardCharsets.UTF_8);
                out.writeInt(meta.length);
                out.write(meta);
                out.writeInt(tensors.size());
                for (Tensor t : tensors.values()) {
                    out.writeUTF(t.name());
                    out.writeInt(t.rank());
                    for (int d : t.shape()) {
                        out.writeInt(d);
                    }
                    ByteBuffer bb = ByteBuffer.allocate(t.data().length * 4);
                    bb.asFloatBuffer().put(t.data());
                    out.write(bb.array());
                }
            }
            byte[] body = buf.toByteArray();
            CRC32 crc = new CRC32();
            crc.update(body);
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Path tmp = Files.createTempFile(parent, ".composer", ".tmp");
            try (var os = Files.newOutputStream(tmp); var dos = new DataOutputStream(os)) {
                dos.write(body);
                dos.writeInt((int) crc.getValue());
            }
            Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write composer file " + path + ": " + e.getMessage(), e);
        }
    }

    private static String formatMetadata(ComposerMetadata m) {
        Properties p = new Properties();
        p.setProperty("method", m.method());
        p.setProperty("dataset", m.dataset());
        p.setProperty("space", m.space());
        p.setProperty("dim.image", Integer.toString(m.imageDim()));
        p.setProperty("dim.text", Integer.toString(m.textDim()));
        p.setProperty("dim.output", Integer.toString(m.outputDim()));
        p.setProperty("encoder.image", m.imageEncoder());
        p.setProperty("encoder.text", m.textEncoder());
        m.metrics().forEach((k, v) -> p.setProperty("metric." + k, Double.toString(v)));
        m.properties().forEach((k, v) -> p.setProperty("property." + k, v));
        StringWriter w = new StringWriter();
        try {
            p.store(w, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static ComposerMetadata parseMetadata(String text, String src) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        Map<String, Double> metrics = new TreeMap<>();
        Map<String, String> props = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            if (k.startsWith("metric.")) {
                try {
                    metrics.put(k.substring(7), Double.parseDouble(p.getProperty(k)));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(src + ": metadata " + k + " is not a number", e);
                }
            } else if (k.startsWith("property.")) {
                props.put(k.substring(9), p.getProperty(k));
            }
        }
        return new ComposerMetadata(required(p, "method", src), required(p, "dataset", src), required(p, "space", src),
                intField(p, "dim.image", src), intField(p, "dim.text", src), intField(p, "dim.output", src),
                required(p, "encoder.image", src), required(p, "encoder.text", src), metrics, props);
    }

    private static String required(Properties p, String key, String src) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException(src + ": metadata field '" + key + "' is missing");
        }
        return v;
    }

    private static int intField(Properties p, String key, String src) {
        String v = required(p, key, src);
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(src + ": metadata field '" + key + "' is not an integer: " + v, e);
        }
    }
}
