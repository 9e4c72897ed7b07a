package dev.loupe.index;

import dev.loupe.core.IndexMismatchException;
import dev.loupe.core.ModelInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an index records about itself in each commit: the model that wrote its vectors (checked on every open, so
 * vectors of two models are never mixed) and the document format.
 */
final class IndexCommitData {
    static final String MODEL_KEY = "loupe.model";
    static final String SPACES_KEY = "loupe.spaces";
    static final String FORMAT_KEY = "loupe.format";
    /**
     * The document format this code writes. 1 (no key): the first format. 2: points on date, size, width and
     * height, for filters pushed into the search ({@link FilterQueries}).
     */
    static final int FORMAT = 2;

    private IndexCommitData() {
    }

    static Map<String, String> of(ModelInfo model) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(MODEL_KEY, model.fingerprint());
        m.put(SPACES_KEY, spacesKey(model));
        m.put(FORMAT_KEY, Integer.toString(FORMAT));
        return m;
    }

    static int format(Map<String, String> data) {
        String f = data.get(FORMAT_KEY);
        try {
            return f == null ? 1 : Integer.parseInt(f);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The latest commit's data, after checking that {@code model} wrote it. */
    static Map<String, String> check(Path dir, Directory directory, ModelInfo model) throws IOException {
        Map<String, String> data = SegmentInfos.readLatestCommit(directory).getUserData();
        String recorded = data.get(MODEL_KEY);
        if (!model.fingerprint().equals(recorded) || !spacesKey(model).equals(data.get(SPACES_KEY))) {
            throw new IndexMismatchException("the index " + dir + " was built with model " + recorded
                    + " but this run uses " + model.fingerprint() + "; vectors of different models cannot be mixed — "
                    + "rebuild it with 'loupe index --rebuild PATH...' or pass another --index DIR");
        }
        if (format(data) > FORMAT) {
            throw new IllegalStateException("the index " + dir + " was written by a newer Loupe (format "
                    + format(data) + ", this one reads up to " + FORMAT + "); upgrade Loupe or pass another --index DIR");
        }
        return data;
    }

    private static String spacesKey(ModelInfo model) {
        return model.spaces().stream().map(s -> s.name() + ":" + s.dimension()).sorted()
                .reduce((a, b) -> a + "," + b).orElse("");
    }
}
