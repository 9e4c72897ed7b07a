package dev.loupe.server;

import dev.loupe.core.Hit;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.Tag;
import dev.loupe.core.text.ImageText;
import dev.loupe.core.text.TextMatch;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** The JSON shapes the API answers with (see openapi.json). */
final class Views {
    private Views() {
    }

    /**
     * {@code {"hits": [...], "next": cursor or null, "query": ..., "measure": ..., "stats": {...}}}; {@code stats}
     * says how the engine answered (plan, candidates, visited, filtered, millis).
     */
    record SearchResponse(List<HitView> hits, String next, String query, String measure,
                          dev.loupe.engine.search.SearchStats stats) {
    }

    /**
     * One hit. {@code taken} is the EXIF capture date (null when the file has none), {@code modified} the file's
     * modification time, both ISO-8601 UTC. {@code relevance} is how likely the image matches a plain text query,
     * 0 to 1 (null for other queries), beside the raw {@code score}.
     */
    record HitView(String id, String path, String name, String folder, double score, Double relevance, int width,
                   int height, String taken, String modified, List<TagView> tags, List<MatchView> matches) {
        static HitView of(Hit h, List<Tag> tags, List<TextMatch> matches) {
            ImageRecord r = h.image();
            Path p = Path.of(r.path());
            return new HitView(r.id(), r.path(), p.getFileName() == null ? r.path() : p.getFileName().toString(),
                    p.getParent() == null ? "" : p.getParent().toString(), round(h.score()),
                    h.relevance() == null ? null : round(h.relevance()), r.width(), r.height(),
                    r.takenMillis() >= 0 ? Instant.ofEpochMilli(r.takenMillis()).toString() : null,
                    Instant.ofEpochMilli(r.mtimeMillis()).toString(), tags.stream().map(TagView::of).toList(),
                    matches.stream().map(MatchView::of).toList());
        }
    }

    /**
     * Why a hit matched the query's words: the field ({@code name}, {@code metadata}, {@code ocr}, {@code label}),
     * a passage of its text, and the matched words as [start, end) character ranges of the passage.
     */
    record MatchView(String field, String snippet, List<List<Integer>> highlights) {
        static MatchView of(TextMatch m) {
            return new MatchView(m.field().key(), m.snippet(),
                    m.highlights().stream().map(s -> List.of(s.start(), s.end())).toList());
        }
    }

    /** {@code GET /api/images/{id}/text}: the words the index holds for one image. */
    record TextResponse(String id, String name, String metadata, String ocr, String ocrState, String ocrNote) {
        static TextResponse of(String id, ImageText t) {
            return new TextResponse(id, t.name(), t.metadata(), t.ocr(), t.ocrState().key(), t.ocrNote());
        }
    }

    record TagView(String tag, double score) {
        static TagView of(Tag t) {
            return new TagView(t.tag(), round(t.score()));
        }
    }

    /** {@code GET /api/tags/{id}} */
    record TagsResponse(String id, List<TagView> tags) {
    }

    /** {@code POST /api/images} */
    record UploadResponse(String id, String contentType, long size, int width, int height, String expires) {
    }

    /** {@code GET /api/folders} */
    record FoldersResponse(List<FolderView> folders) {
    }

    record FolderView(String path, int images) {
    }

    /** The served model: its name as given to {@code --model}, its identity, and its spaces. */
    record ModelView(String name, String id, String version, String textSpace, List<SpaceView> spaces) {
    }

    record SpaceView(String name, int dimension) {
    }

    record IndexView(String path, int images, long bytesOnDisk, boolean writable) {
    }

    /** {@code GET /api/status} */
    record StatusResponse(String version, ModelView model, IndexView index, IndexJobs.Progress indexing, int uploads,
                          List<String> roots, long maxUploadBytes, int maxK, double relevanceCutoff,
                          List<java.util.Map<String, Object>> composers, List<java.util.Map<String, Object>> heads) {
    }

    /** {@code POST /api/index} body. */
    record IndexRequest(List<String> roots) {
    }

    /** Every error. */
    record ErrorResponse(String error, int status) {
    }

    static double round(float score) {
        return Math.round(score * 1e4) / 1e4;
    }
}
