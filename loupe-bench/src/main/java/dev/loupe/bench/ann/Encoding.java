package dev.loupe.bench.ann;

import dev.loupe.index.LoupeHnswBbqFormat;
import dev.loupe.index.LoupeHnswFormat;
import dev.loupe.index.LoupeHnswInt4Format;
import dev.loupe.index.LoupeHnswInt7Format;
import org.apache.lucene.codecs.KnnVectorsFormat;

import java.util.function.Supplier;

/** The vector encodings of Loupe's Lucene index, each with the index's HNSW settings (M=16, beam 100). */
public enum Encoding {
    /** Floats: what the index uses for the semantic space. */
    FLOAT32("float32", LoupeHnswFormat::new),
    /** int7 scalar quantization: what the index uses for the visual space. */
    INT7("int7", LoupeHnswInt7Format::new),
    INT4("int4", LoupeHnswInt4Format::new),
    /** Lucene's binary quantization (BBQ). */
    BBQ("bbq", LoupeHnswBbqFormat::new);

    private final String id;
    private final Supplier<KnnVectorsFormat> format;

    Encoding(String id, Supplier<KnnVectorsFormat> format) {
        this.id = id;
        this.format = format;
    }

    public String id() {
        return id;
    }

    public KnnVectorsFormat format() {
        return format.get();
    }

    public static Encoding of(String id) {
        for (Encoding e : values()) {
            if (e.id.equals(id)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown encoding '" + id + "'; use float32, int7, int4 or bbq");
    }
}
