package dev.loupe.server;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageIds;
import dev.loupe.core.ImageIndex;
import dev.loupe.core.query.Composer;
import dev.loupe.engine.ComposerRegistry;
import dev.loupe.core.query.Measure;
import dev.loupe.core.query.QueryException;
import dev.loupe.core.query.QueryExpr;
import dev.loupe.core.query.Term;
import dev.loupe.engine.search.Dates;
import dev.loupe.engine.search.SearchMode;
import dev.loupe.engine.search.SortOrder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks the body of {@code POST /api/search} ({@link SearchRequest}) and turns it into the engine's
 * {@link dev.loupe.engine.search.SearchRequest}; the engine plans and runs it. Every refusal is a 400 (404 for an
 * image or upload id that is well-formed but unknown) whose message names the field and says what to send instead.
 */
final class SearchParser {
    /** The untrained composer's name in {@code composer}; the composers registered with the index add theirs. */
    static final String WEIGHTED_SUM = "weighted-sum";
    static final int DEFAULT_K = 20;
    static final int DEFAULT_TAGS = 3;
    static final int MAX_TAGS = 20;
    static final int MAX_TERMS = 32;
    static final int MAX_TEXT = 1000;
    static final double MAX_WEIGHT = 100;
    static final int MAX_RANKED = dev.loupe.engine.search.SearchRequest.MAX_RANKED;

    /**
     * A checked search: what the engine runs, how many tags each hit shows, and the query's fingerprint for cursors.
     */
    record Parsed(dev.loupe.engine.search.SearchRequest request, int tagsPerHit, String fingerprint) {
    }

    private final ImageIndex index;
    private final ComposerRegistry composers;
    private final ComposerRegistry heads;
    private final UploadStore uploads;
    private final int maxK;
    private final Json json;

    SearchParser(ImageIndex index, ComposerRegistry composers, ComposerRegistry heads, UploadStore uploads, int maxK,
                 Json json) {
        this.index = index;
        this.composers = composers;
        this.heads = heads;
        this.uploads = uploads;
        this.maxK = maxK;
        this.json = json;
    }

    Parsed parse(SearchRequest r) {
        List<Term> terms = new ArrayList<>();
        Map<String, UploadStore.Upload> uploaded = new HashMap<>(); // by the file the term names
        if (r.text() != null) {
            terms.add(text(r.text(), "text", Term.Role.BASE, 1f));
        }
        if (r.image() != null) {
            terms.add(imageId(r.image(), "image", Term.Role.BASE, 1f));
        }
        if (r.upload() != null) {
            terms.add(upload(r.upload(), "upload", Term.Role.BASE, 1f, uploaded));
        }
        List<SearchRequest.TermSpec> specs = r.terms() == null ? List.of() : r.terms();
        if (specs.size() > MAX_TERMS) {
            throw ApiException.badRequest("field 'terms' has " + specs.size() + " terms; at most " + MAX_TERMS
                    + " are allowed");
        }
        for (int i = 0; i < specs.size(); i++) {
            terms.add(term(specs.get(i), "terms[" + i + "]", uploaded));
        }
        if (terms.isEmpty()) {
            throw ApiException.badRequest("nothing to search for: give 'text', 'image' (an indexed image id) or "
                    + "'upload' (an id from POST /api/images)");
        }
        if (terms.stream().noneMatch(t -> t.role() == Term.Role.BASE)) {
            throw ApiException.badRequest("the query has only plus/minus terms and no base to apply them to: give "
                    + "'text', 'image' or 'upload' (or a term with role 'base')");
        }
        Measure measure = measure(r.measure());
        QueryExpr expr;
        try {
            expr = new QueryExpr(terms, measure);
        } catch (QueryException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        int k = r.k() == null ? DEFAULT_K : r.k();
        if (k < 1 || k > maxK) {
            throw ApiException.badRequest("field 'k' must be between 1 and " + maxK + ", got " + k
                    + "; page through more hits with 'cursor'");
        }
        int tags = r.tags() == null ? DEFAULT_TAGS : r.tags();
        if (tags < 0 || tags > MAX_TAGS) {
            throw ApiException.badRequest("field 'tags' must be between 0 and " + MAX_TAGS + ", got " + tags);
        }
        String fingerprint = fingerprint(r);
        int offset = 0;
        if (r.cursor() != null) {
            Cursor c = Cursor.decode(r.cursor());
            if (!c.fingerprint().equals(fingerprint)) {
                throw ApiException.badRequest("field 'cursor' belongs to another query; send the same query as for "
                        + "the first page (only 'cursor' changes), or leave the cursor out to start again");
            }
            offset = c.offset();
        }
        if ((long) offset + k >= MAX_RANKED) {
            throw ApiException.badRequest("paging stops after " + (MAX_RANKED - 1) + " hits (offset " + offset
                    + " + k " + k + "); narrow the query with filters instead");
        }
        Map<String, dev.loupe.engine.search.SearchRequest.GivenImage> given = new HashMap<>();
        uploaded.forEach((file, u) -> given.put(file, new dev.loupe.engine.search.SearchRequest.GivenImage(u.vectors(),
                u.sha256())));
        var request = new dev.loupe.engine.search.SearchRequest(expr, composer(r.composer()), filter(r.filters()), k,
                offset, Boolean.TRUE.equals(r.includeQueryImages()), Boolean.TRUE.equals(r.exact()),
                visualWeight(r.visualWeight()), given).withMode(mode(r.mode())).withSort(sort(r.sort()))
                .withHead(head(r.head()));
        return new Parsed(request, tags, fingerprint);
    }

    /** The request's {@code filters} object (null: none) as the engine's one filter. */
    static ImageFilter filter(SearchRequest.Filters f) {
        if (f == null) {
            return ImageFilter.NONE;
        }
        ImageFilter filter = ImageFilter.NONE;
        if (f.folder() != null && !f.folder().isBlank()) {
            String fo = f.folder().strip();
            if (!java.nio.file.Path.of(fo).isAbsolute()) {
                throw ApiException.badRequest("field 'filters.folder' must be an absolute folder path as shown in "
                        + "GET /api/folders, got '" + ServedFiles.abbreviate(fo) + "'");
            }
            filter = filter.inFolder(fo);
        }
        boolean hasFrom = f.from() != null && !f.from().isBlank();
        boolean hasTo = f.to() != null && !f.to().isBlank();
        if (hasFrom || hasTo) {
            long from = hasFrom ? Dates.start(f.from(), "field 'filters.from'") : Long.MIN_VALUE;
            long to = hasTo ? Dates.end(f.to(), "field 'filters.to'") : Long.MAX_VALUE;
            if (from > to) {
                throw ApiException.badRequest("'filters.from' (" + f.from() + ") is after 'filters.to' (" + f.to()
                        + "); swap them");
            }
            filter = filter.datedIn(new ImageFilter.Range(from, to));
        }
        if (f.minConfidence() != null && (f.labels() == null || f.labels().isEmpty())) {
            throw ApiException.badRequest("field 'filters.minConfidence' applies to 'filters.labels'; give the labels "
                    + "too");
        }
        if (f.labels() != null && !f.labels().isEmpty()) {
            double c = f.minConfidence() == null ? 0 : f.minConfidence();
            if (!(c >= 0 && c <= 1)) {
                throw ApiException.badRequest("field 'filters.minConfidence' must be between 0 and 1, got " + c);
            }
            filter = filter.withLabels(f.labels(), (float) c);
        }
        if (f.minWidth() != null || f.minHeight() != null) {
            filter = filter.sized(ImageFilter.Range.ALL, atLeast(f.minWidth(), "filters.minWidth"),
                    atLeast(f.minHeight(), "filters.minHeight"));
        }
        return filter;
    }

    private static ImageFilter.Range atLeast(Integer px, String field) {
        if (px == null) {
            return ImageFilter.Range.ALL;
        }
        if (px < 1 || px > 1_000_000) {
            throw ApiException.badRequest("field '" + field + "' must be a number of pixels from 1 to 1000000, got "
                    + px);
        }
        return ImageFilter.Range.atLeast(px);
    }

    private static Float visualWeight(Double w) {
        if (w == null) {
            return null;
        }
        if (!(w >= 0 && w <= 1)) {
            throw ApiException.badRequest("field 'visualWeight' must be a number from 0 to 1, got " + w);
        }
        return (float) (double) w;
    }

    private Term term(SearchRequest.TermSpec spec, String field, Map<String, UploadStore.Upload> uploaded) {
        if (spec == null) {
            throw ApiException.badRequest("field '" + field + "' is null; give an object like "
                    + "{\"text\": \"dog\", \"role\": \"plus\"}");
        }
        int given = (spec.text() != null ? 1 : 0) + (spec.image() != null ? 1 : 0) + (spec.upload() != null ? 1 : 0);
        if (given != 1) {
            throw ApiException.badRequest("field '" + field + "' must have exactly one of 'text', 'image' or "
                    + "'upload', got " + given);
        }
        Term.Role role = role(spec.role(), field + ".role");
        float weight = weight(spec.weight(), field + ".weight");
        if (spec.text() != null) {
            return text(spec.text(), field + ".text", role, weight);
        }
        if (spec.image() != null) {
            return imageId(spec.image(), field + ".image", role, weight);
        }
        return upload(spec.upload(), field + ".upload", role, weight, uploaded);
    }

    private static Term text(String text, String field, Term.Role role, float weight) {
        if (text.isBlank()) {
            throw ApiException.badRequest("field '" + field + "' is empty; type what you are looking for");
        }
        if (text.length() > MAX_TEXT) {
            throw ApiException.badRequest("field '" + field + "' is " + text.length() + " characters long; at most "
                    + MAX_TEXT + " are allowed");
        }
        return new Term(Term.Kind.TEXT, text.strip(), weight, role);
    }

    private Term imageId(String id, String field, Term.Role role, float weight) {
        if (!ImageIds.looksLikeId(id)) {
            throw ApiException.badRequest("field '" + field + "' must be an indexed image's id (16 hex digits, as "
                    + "in a search hit), got '" + ServedFiles.abbreviate(id) + "'; images are never named by path");
        }
        if (index.byId(id).isEmpty()) {
            throw ApiException.notFound("field '" + field + "': no indexed image has id " + id
                    + " (was it removed by a later index run?)");
        }
        return new Term(Term.Kind.IMAGE_ID, id, weight, role);
    }

    private Term upload(String id, String field, Term.Role role, float weight, Map<String, UploadStore.Upload> uploaded) {
        if (!UploadStore.looksLikeId(id)) {
            throw ApiException.badRequest("field '" + field + "' must be an upload id from POST /api/images ('u' and "
                    + "32 hex digits), got '" + ServedFiles.abbreviate(id) + "'");
        }
        UploadStore.Upload u = uploads.get(id).orElseThrow(() -> ApiException.notFound("field '" + field
                + "': upload " + id + " is unknown or has expired (uploads are kept for " + uploads.ttl().toMinutes()
                + " min); upload the image again"));
        uploaded.put(u.file().toString(), u);
        return new Term(Term.Kind.IMAGE_PATH, u.file().toString(), weight, role);
    }

    private static Term.Role role(String role, String field) {
        if (role == null) {
            throw ApiException.badRequest("field '" + field + "' is missing: use 'base', 'plus' or 'minus'");
        }
        return switch (role.strip().toLowerCase(Locale.ROOT)) {
            case "base" -> Term.Role.BASE;
            case "plus" -> Term.Role.PLUS;
            case "minus" -> Term.Role.MINUS;
            default -> throw ApiException.badRequest("field '" + field + "' must be 'base', 'plus' or 'minus', got '"
                    + ServedFiles.abbreviate(role) + "'");
        };
    }

    private static float weight(Double w, String field) {
        if (w == null) {
            return 1f;
        }
        if (w.isNaN() || w.isInfinite()) {
            throw ApiException.badRequest("field '" + field + "' must be a finite number");
        }
        if (w < 0) {
            throw ApiException.badRequest("field '" + field + "' is " + w + "; weights must be > 0 — to subtract a "
                    + "term give it the role 'minus'");
        }
        if (w == 0 || w > MAX_WEIGHT || (float) (double) w == 0f) {
            throw ApiException.badRequest("field '" + field + "' must be greater than 0 and at most " + MAX_WEIGHT
                    + ", got " + w + " (leave a term out rather than weighting it 0)");
        }
        return (float) (double) w;
    }

    private static SearchMode mode(String m) {
        if (m == null) {
            return SearchMode.DEFAULT;
        }
        try {
            return SearchMode.parse(m, "field 'mode'");
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static SortOrder sort(String s) {
        try {
            return SortOrder.parse(s, "field 'sort'");
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static Measure measure(String m) {
        if (m == null) {
            return Measure.DEFAULT;
        }
        try {
            return Measure.parse(m);
        } catch (QueryException e) {
            throw ApiException.badRequest("field 'measure': " + e.getMessage());
        }
    }

    /** The untrained sum, or a composer registered with the index by name (never a file path: clients name). */
    private Composer composer(String name) {
        if (name == null || name.strip().equalsIgnoreCase(WEIGHTED_SUM)) {
            return Composer.weightedSum();
        }
        if (composers.contains(name.strip())) {
            try {
                return composers.load(name.strip());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("field 'composer': " + e.getMessage());
            }
        }
        List<String> known = new ArrayList<>(List.of(WEIGHTED_SUM));
        known.addAll(composers.names());
        throw ApiException.badRequest("field 'composer': unknown composer '" + ServedFiles.abbreviate(name)
                + "'; known: " + String.join(", ", known) + " (train one for this index with 'bin/loupe-lab train "
                + "composer --index DIR --name NAME ...', or leave the field out)");
    }

    /** No head (null), or a head registered with the index by name. */
    private dev.loupe.core.compose.TextImageHead head(String name) {
        if (name == null) {
            return null;
        }
        if (heads.contains(name.strip())) {
            try {
                return heads.head(name.strip());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("field 'head': " + e.getMessage());
            }
        }
        List<String> known = heads.names();
        throw ApiException.badRequest("field 'head': unknown head '" + ServedFiles.abbreviate(name) + "'; known: "
                + (known.isEmpty() ? "none" : String.join(", ", known)) + " (train one for this index with "
                + "'bin/loupe-lab train head --index DIR --name NAME ...', or leave the field out)");
    }

    private String fingerprint(SearchRequest r) {
        try {
            // the page size may change from page to page; everything else must stay the same
            byte[] canonical = json.write(r.withCursor(null).withK(null)).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
