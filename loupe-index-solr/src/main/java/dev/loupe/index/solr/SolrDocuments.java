package dev.loupe.index.solr;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.text.ImageText;
import dev.loupe.core.text.OcrState;
import dev.loupe.core.text.TextField;
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
    /**
     * The labels the model read off the image while encoding it ({@link ImageVectors#labels()}), named like the
     * labels but in a namespace of their own ({@code mlb_} + hex), as the embedded index keeps {@code modellabel.*}
     * beside {@code label.*}: written with the vectors on every upsert, untouched by {@link #replaceLabels}, so the
     * user's labels and the model's survive each other. Configset format 3 ({@link SolrConfigset#MODEL_LABEL_FORMAT}).
     */
    static final String MODEL_LABEL_PREFIX = "mlb_";
    /** The stored fields of a record, for {@code fl}. */
    static final String RECORD_FIELDS = String.join(",", ID, PATH, SIZE, MTIME, HASH, WIDTH, HEIGHT, TAKEN);
    /** The analysed text fields, named by {@link TextField#key()} as in the embedded index. */
    static final List<TextField> TEXT_FIELDS = List.of(TextField.NAME, TextField.METADATA, TextField.OCR);
    /** {@link OcrState#key()}; absent in a document written before the configset had text fields. */
    static final String OCR_STATE = "ocr_state";
    static final String OCR_NOTE = "ocr_note";
    /** {@link ImageText#sidecar()}; absent when the words were never read. */
    static final String SIDECAR = "sidecar";
    /** The names of the image's labels (their confidences are the {@code lbl_*} fields). */
    static final String LABEL_NAMES = TextField.LABEL.key();
    /** The stored words, for {@code fl}. */
    static final String TEXT_STORED = String.join(",", ID, TextField.NAME.key(), TextField.METADATA.key(),
            TextField.OCR.key(), OCR_STATE, OCR_NOTE, SIDECAR);

    private SolrDocuments() {
    }

    static String vectorField(String space) {
        return VECTOR_PREFIX + space;
    }

    static String labelField(String label) {
        return LABEL_PREFIX + hex(label);
    }

    static String modelLabelField(String label) {
        return MODEL_LABEL_PREFIX + hex(label);
    }

    private static String hex(String label) {
        return HexFormat.of().formatHex(label.getBytes(StandardCharsets.UTF_8));
    }

    /** The label a {@code lbl_*} or {@code mlb_*} field holds. */
    static String labelOf(String field) {
        return new String(HexFormat.of().parseHex(field.substring(field.indexOf('_') + 1)), StandardCharsets.UTF_8);
    }

    static SolrInputDocument toDocument(ImageRecord r, ImageVectors vectors, Map<String, Float> labels,
                                        ImageText text) {
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
        vectors.labels().forEach((label, p) -> d.setField(modelLabelField(label), p));
        setLabels(d, labels);
        setText(d, text);
        return d;
    }

    /** Sets the labels' confidences and names ({@code d} has none yet). */
    static void setLabels(SolrInputDocument d, Map<String, Float> labels) {
        labels.forEach((label, c) -> d.setField(labelField(label), c));
        if (!labels.isEmpty()) {
            d.setField(LABEL_NAMES, List.copyOf(labels.keySet()));
        }
    }

    /**
     * Sets (replaces) the words: names and metadata one value per line, OCR text as one value, as the embedded
     * index stores them, so that a quoted phrase never spans two values.
     */
    static void setText(SolrInputDocument d, ImageText text) {
        for (TextField f : TEXT_FIELDS) {
            String value = text.get(f);
            List<String> values = new ArrayList<>();
            for (String v : f == TextField.OCR ? new String[]{value} : value.split("\n")) {
                if (!v.isBlank()) {
                    values.add(v);
                }
            }
            if (values.isEmpty()) {
                d.removeField(f.key());
            } else {
                d.setField(f.key(), values);
            }
        }
        d.setField(OCR_STATE, text.ocrState().key());
        set(d, OCR_NOTE, text.ocrNote().isEmpty() ? null : text.ocrNote());
        set(d, SIDECAR, text.sidecar());
    }

    private static void set(SolrInputDocument d, String field, String value) {
        if (value == null) {
            d.removeField(field);
        } else {
            d.setField(field, value);
        }
    }

    /** The stored words of a document; {@link ImageText#UNREAD} for one written before the text fields existed. */
    static ImageText toText(SolrDocument d) {
        Object state = d.getFirstValue(OCR_STATE);
        return new ImageText(joined(d, TextField.NAME), joined(d, TextField.METADATA),
                (String) d.getFirstValue(TextField.OCR.key()),
                state == null ? OcrState.PENDING : OcrState.ofKey(state.toString()),
                (String) d.getFirstValue(OCR_NOTE), (String) d.getFirstValue(SIDECAR));
    }

    private static String joined(SolrDocument d, TextField f) {
        Collection<Object> values = d.getFieldValues(f.key());
        return values == null ? "" : String.join("\n", values.stream().map(Object::toString).toList());
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
        return labels(d, LABEL_PREFIX);
    }

    /** The model's labels of a document read with {@code fl=mlb_*} (or some of them), highest probability first. */
    static Map<String, Float> modelLabels(SolrDocument d) {
        return labels(d, MODEL_LABEL_PREFIX);
    }

    private static Map<String, Float> labels(SolrDocument d, String prefix) {
        List<Map.Entry<String, Float>> found = new ArrayList<>();
        for (String f : d.getFieldNames()) {
            if (f.startsWith(prefix) && d.getFirstValue(f) instanceof Number n) {
                found.add(Map.entry(labelOf(f), n.floatValue()));
            }
        }
        found.sort(Map.Entry.<String, Float>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        Map<String, Float> out = new LinkedHashMap<>();
        found.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** A stored document back as an input document, every field as it was except the version. */
    static SolrInputDocument copy(SolrDocument d) {
        SolrInputDocument in = new SolrInputDocument();
        for (String f : d.getFieldNames()) {
            if (!f.equals(VERSION) && !f.equals("score")) {
                in.setField(f, d.getFieldValues(f));
            }
        }
        return in;
    }

    /** Replaces the labels of an input document; the model's ({@code mlb_*}) stay. */
    static void replaceLabels(SolrInputDocument d, Map<String, Float> labels) {
        for (String f : List.copyOf(d.getFieldNames())) {
            if (f.startsWith(LABEL_PREFIX) || f.equals(LABEL_NAMES)) {
                d.removeField(f);
            }
        }
        setLabels(d, labels);
    }
}
