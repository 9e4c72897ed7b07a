package dev.loupe.index;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.text.ImageText;
import dev.loupe.core.text.OcrState;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.NumericUtils;

import java.util.List;
import java.util.Map;

/** Maps an {@link ImageRecord} and its vectors to a Lucene document and back. One place for all field names. */
final class ImageDocuments {
    static final String ID = "id";
    static final String PATH = "path";
    static final String SIZE = "size";
    static final String MTIME = "mtime";
    static final String HASH = "hash";
    static final String WIDTH = "width";
    static final String HEIGHT = "height";
    static final String TAKEN = "taken";
    /**
     * The date an image is filtered and sorted by ({@link dev.loupe.core.ImageFilter#dateOf}): indexed as a point
     * and as doc values. Added in index format 2, like {@link #SIZE_POINT}, {@link #WIDTH_POINT} and
     * {@link #HEIGHT_POINT}.
     */
    static final String DATE = "date";
    /**
     * Points for the size filters. Own field names, because Lucene fixes a field's schema when it is first written
     * and format-1 indexes have {@link #SIZE}, {@link #WIDTH} and {@link #HEIGHT} as stored-only fields.
     */
    static final String SIZE_POINT = "size.point";
    static final String WIDTH_POINT = "width.point";
    static final String HEIGHT_POINT = "height.point";
    static final String VECTOR_PREFIX = "vec_";
    /**
     * One numeric doc-values field per label, {@code label.<name>}, holding the confidence as a sortable int.
     * Doc values can be updated in place ({@code IndexWriter.updateDocValues}), so labelling does not re-index the
     * vectors, and they filter queries.
     */
    static final String LABEL_PREFIX = "label.";
    /**
     * The labels the model read off the image while encoding it ({@link ImageVectors#labels()}), one numeric
     * doc-values field per label like {@link #LABEL_PREFIX}'s but in a namespace of their own: they are written with
     * the vectors (every upsert replaces them) and {@code setLabels} never touches them, so {@code loupe classify}'s
     * labels and the model's survive each other. The label filter matches both.
     */
    static final String MODEL_LABEL_PREFIX = "modellabel.";
    /**
     * The text fields (added in index format 3), named by {@link dev.loupe.core.text.TextField#key()}: {@code name},
     * {@code metadata}, {@code ocr}; analysed by {@link #analyzer()} and stored for highlighting and display.
     */
    static final List<dev.loupe.core.text.TextField> TEXT_FIELDS = List.of(dev.loupe.core.text.TextField.NAME,
            dev.loupe.core.text.TextField.METADATA, dev.loupe.core.text.TextField.OCR);
    /** Where the image stands in the OCR pass ({@link OcrState#key()}): a string field, so the pass can find them. */
    static final String OCR_STATE = "ocr_state";
    static final String OCR_NOTE = "ocr_note";
    /** {@link ImageText#sidecar()}; absent when the words were never read. */
    static final String SIDECAR = "sidecar";

    private ImageDocuments() {
    }

    static String vectorField(String space) {
        return VECTOR_PREFIX + space;
    }

    static String labelField(String label) {
        return LABEL_PREFIX + label;
    }

    static String modelLabelField(String label) {
        return MODEL_LABEL_PREFIX + label;
    }

    static boolean isLabelField(String field) {
        return field.startsWith(LABEL_PREFIX);
    }

    static String labelOf(String field) {
        return field.substring(LABEL_PREFIX.length());
    }

    static long encodeConfidence(float confidence) {
        return NumericUtils.floatToSortableInt(confidence);
    }

    static float decodeConfidence(long value) {
        return NumericUtils.sortableIntToFloat((int) value);
    }

    /**
     * The analyzer of the text fields: Lucene's English analyzer (Solr's {@code text_en} does the same), with a
     * position gap between the values of a multi-valued field ({@code positionIncrementGap="100"} in Solr), so a
     * quoted phrase never spans two keywords or two names.
     */
    static Analyzer analyzer() {
        return new org.apache.lucene.analysis.DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
            private final Analyzer english = new EnglishAnalyzer();

            @Override
            protected Analyzer getWrappedAnalyzer(String fieldName) {
                return english;
            }

            @Override
            public int getPositionIncrementGap(String fieldName) {
                return VALUE_GAP;
            }
        };
    }

    static final int VALUE_GAP = 100;

    /** Names and metadata are stored one value per line (a name, a keyword, a title); OCR text as one value. */
    private static boolean multiValued(dev.loupe.core.text.TextField f) {
        return f != dev.loupe.core.text.TextField.OCR;
    }

    static Document toDocument(ImageRecord r, ImageVectors vectors, Map<String, Float> labels, ImageText text) {
        Document d = toDocument(r, vectors);
        for (dev.loupe.core.text.TextField f : TEXT_FIELDS) {
            String value = text.get(f);
            for (String v : multiValued(f) ? value.split("\n") : new String[]{value}) {
                if (!v.isBlank()) {
                    d.add(new TextField(f.key(), v, Field.Store.YES));
                }
            }
        }
        d.add(new StringField(OCR_STATE, text.ocrState().key(), Field.Store.YES));
        if (!text.ocrNote().isEmpty()) {
            d.add(new StoredField(OCR_NOTE, text.ocrNote()));
        }
        if (text.sidecar() != null) {
            d.add(new StoredField(SIDECAR, text.sidecar()));
        }
        for (Map.Entry<String, Float> e : labels.entrySet()) {
            d.add(new NumericDocValuesField(labelField(e.getKey()), encodeConfidence(e.getValue())));
        }
        return d;
    }

    static Document toDocument(ImageRecord r, ImageVectors vectors) {
        Document d = new Document();
        d.add(new StringField(ID, r.id(), Field.Store.YES));
        d.add(new StringField(PATH, r.path(), Field.Store.YES));
        d.add(new StoredField(SIZE, r.size()));
        d.add(new LongPoint(SIZE_POINT, r.size()));
        d.add(new StoredField(MTIME, r.mtimeMillis()));
        d.add(new StringField(HASH, r.contentHash(), Field.Store.YES));
        d.add(new StoredField(WIDTH, r.width()));
        d.add(new IntPoint(WIDTH_POINT, r.width()));
        d.add(new StoredField(HEIGHT, r.height()));
        d.add(new IntPoint(HEIGHT_POINT, r.height()));
        d.add(new StoredField(TAKEN, r.takenMillis()));
        d.add(new LongPoint(TAKEN, r.takenMillis()));
        d.add(new NumericDocValuesField(TAKEN, r.takenMillis()));
        long date = ImageFilter.dateOf(r);
        d.add(new LongPoint(DATE, date));
        d.add(new NumericDocValuesField(DATE, date));
        for (Map.Entry<String, float[]> e : vectors.bySpace().entrySet()) {
            d.add(new KnnFloatVectorField(vectorField(e.getKey()), e.getValue(), VectorSimilarityFunction.DOT_PRODUCT));
        }
        for (Map.Entry<String, Float> e : vectors.labels().entrySet()) {
            d.add(new NumericDocValuesField(modelLabelField(e.getKey()), encodeConfidence(e.getValue())));
        }
        return d;
    }

    /** The words stored in a document; {@link ImageText#UNREAD} for a document of an older format. */
    static ImageText toText(Document d) {
        String state = d.get(OCR_STATE);
        return new ImageText(String.join("\n", d.getValues(dev.loupe.core.text.TextField.NAME.key())),
                String.join("\n", d.getValues(dev.loupe.core.text.TextField.METADATA.key())),
                d.get(dev.loupe.core.text.TextField.OCR.key()),
                state == null ? OcrState.PENDING : OcrState.ofKey(state), d.get(OCR_NOTE), d.get(SIDECAR));
    }

    static ImageRecord toRecord(Document d) {
        return new ImageRecord(d.get(ID), d.get(PATH),
                num(d, SIZE), num(d, MTIME), d.get(HASH),
                (int) num(d, WIDTH), (int) num(d, HEIGHT), num(d, TAKEN));
    }

    private static long num(Document d, String field) {
        var f = d.getField(field);
        return f == null || f.numericValue() == null ? -1 : f.numericValue().longValue();
    }
}
