package dev.loupe.index.solr;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps an {@link ImageRecord}, its vectors and labels to a Solr document and back; one place for the field names
 * (the schema is {@link SolrConfigset#schema}). They are those of the embedded index, plus {@code folder} (the
 * file's parent folder, for faceting and per-folder clean-up in Solr's own tools).
 */
final class SolrDocuments {
    static final String ID = "id";
    static final String PATH = "path";
    static final String FOLDER = "folder";
    static final String SIZE = "size";
    static final String MTIME = "mtime";
    static final String HASH = "hash";
    static final String WIDTH = "width";
    static final String HEIGHT = "height";
    static final String TAKEN = "taken";
    /** {@link ImageFilter#dateOf}: the EXIF date, else the mtime; date filters read it. */
    static final String DATE = "date";
    static final String VERSION = "_version_";
    static final String VECTOR_PREFIX = "vec_";
    /**
     * Labels are dynamic float fields, {@code lbl_} + the hex of the label's UTF-8 bytes: label names may hold any
     * character (spaces, slashes, non-Latin letters), field names in Solr queries may not.
     */
    static final String LABEL_PREFIX = "lbl_";
    /** The stored fields of a record, for {@code fl}. */
    static final String RECORD_FIELDS = String.join(",", ID, PATH, SIZE, MTIME, HASH, WIDTH, HEIGHT, TAKEN);

    private SolrDocuments() {
    }

    static String vectorField(String space) {
        return VECTOR_PREFIX + space;
    }

    static String labelField(String label) {
        return LABEL_PREFIX + HexFormat.of().formatHex(label.getBytes(StandardCharsets.UTF_8));
    }

    static String labelOf(String field) {
        return new String(HexFormat.of().parseHex(field.substring(LABEL_PREFIX.length())), StandardCharsets.UTF_8);
    }

    static SolrInputDocument toDocument(ImageRecord r, ImageVectors vectors, Map<String, Float> labels) {
        SolrInputDocument d = new SolrInputDocument();
        d.setField(ID, r.id());
        d.setField(PATH, r.path());
        Path parent = Path.of(r.path()).getParent();
        if (parent != null) {
            d.setField(FOLDER, parent.toString());
        }
        d.setField(SIZE, r.size());
        d.setField(MTIME, r.mtimeMillis());
        d.setField(HASH, r.contentHash());
        d.setField(WIDTH, r.width());
        d.setField(HEIGHT, r.height());
        d.setField(TAKEN, r.takenMillis());
        d.setField(DATE, ImageFilter.dateOf(r));
        for (Map.Entry<String, float[]> e : vectors.bySpace().entrySet()) {
            d.setField(vectorField(e.getKey()), toList(e.getValue()));
        }
        labels.forEach((label, c) -> d.setField(labelField(label), c));
        return d;
    }

    private static List<Float> toList(float[] v) {
        List<Float> out = new ArrayList<>(v.length);
        for (float x : v) {
            out.add(x);
        }
        return out;
    }

    static ImageRecord toRecord(SolrDocument d) {
        return new ImageRecord((String) d.getFirstValue(ID), (String) d.getFirstValue(PATH), num(d, SIZE),
                num(d, MTIME), (String) d.getFirstValue(HASH), (int) num(d, WIDTH), (int) num(d, HEIGHT),
                num(d, TAKEN));
    }

    private static long num(SolrDocument d, String field) {
        Object v = d.getFirstValue(field);
        return v instanceof Number n ? n.longValue() : -1;
    }

    /** The stored vector of {@code space}, or null when the document has none. */
    static float[] vector(SolrDocument d, String space) {
        Collection<Object> values = d.getFieldValues(vectorField(space));
        if (values == null || values.isEmpty()) {
            return null;
        }
        float[] v = new float[values.size()];
        int i = 0;
        for (Object o : values) {
            v[i++] = ((Number) o).floatValue();
        }
        return v;
    }

    /** The labels of a document read with {@code fl=lbl_*}, highest confidence first. */
    static Map<String, Float> labels(SolrDocument d) {
        List<Map.Entry<String, Float>> found = new ArrayList<>();
        for (String f : d.getFieldNames()) {
            if (f.startsWith(LABEL_PREFIX) && d.getFirstValue(f) instanceof Number n) {
                found.add(Map.entry(labelOf(f), n.floatValue()));
            }
        }
        found.sort(Map.Entry.<String, Float>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        Map<String, Float> out = new LinkedHashMap<>();
        found.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** A stored document back as an input document, every field as it was except labels and the version. */
    static SolrInputDocument copyWithoutLabels(SolrDocument d) {
        SolrInputDocument in = new SolrInputDocument();
        for (String f : d.getFieldNames()) {
            if (!f.startsWith(LABEL_PREFIX) && !f.equals(VERSION) && !f.equals("score")) {
                in.setField(f, d.getFieldValues(f));
            }
        }
        return in;
    }
}
