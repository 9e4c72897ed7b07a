package dev.loupe.core.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A query as the user wrote it, before any embedding: terms (images and texts with roles and weights) in one
 * space, and the measure that combines them. Examples, in command-line form:
 * <pre>
 *   --image blue-car.jpg --minus blue --plus red      BASE [blue-car.jpg], MINUS 'blue', PLUS 'red'
 *   "a dog" --minus grass                             BASE 'a dog', MINUS 'grass'   (scored with SUM)
 *   --image dress.jpg --text "in red"                 BASE [dress.jpg], BASE 'in red' (a composed query)
 *   --from 3f2a… --minus red --plus green             BASE [#3f2a…], MINUS 'red', PLUS 'green'
 * </pre>
 * The engine turns it into vectors with {@link ResolvedQuery#resolve}; {@link Measure} defines the score.
 *
 * @param terms   at least one; at least one must be BASE or PLUS (a query of MINUS terms only means "anything
 *                but these", which a similarity ranking cannot express)
 * @param measure the measure asked for; {@link #effectiveMeasure()} is the one actually used
 */
public record QueryExpr(List<Term> terms, Measure measure) {

    public QueryExpr {
        terms = List.copyOf(Objects.requireNonNull(terms, "terms"));
        Objects.requireNonNull(measure, "measure");
        if (terms.isEmpty()) {
            throw new QueryException("empty query: give a text, an --image or a --from result to search from");
        }
        if (terms.stream().allMatch(t -> t.role() == Term.Role.MINUS)) {
            throw new QueryException("query " + render(terms) + " has only subtracted terms; give a text, an --image"
                    + " or a --plus term to search for");
        }
    }

    /** A plain text query. */
    public static QueryExpr text(String text) {
        return new QueryExpr(List.of(Term.of(Term.Kind.TEXT, text, Term.Role.BASE)), Measure.DEFAULT);
    }

    /** A plain image query by file path. */
    public static QueryExpr imagePath(String path) {
        return new QueryExpr(List.of(Term.of(Term.Kind.IMAGE_PATH, path, Term.Role.BASE)), Measure.DEFAULT);
    }

    /** A plain image query by indexed id (e.g. to refine from a previous result). */
    public static QueryExpr imageId(String id) {
        return new QueryExpr(List.of(Term.of(Term.Kind.IMAGE_ID, id, Term.Role.BASE)), Measure.DEFAULT);
    }

    /** This query with one more term. */
    public QueryExpr with(Term term) {
        List<Term> more = new ArrayList<>(terms);
        more.add(Objects.requireNonNull(term, "term"));
        return new QueryExpr(more, measure);
    }

    /** This query with a PLUS text term parsed from {@code [WEIGHT:]TEXT} (see {@link Term#parse}). */
    public QueryExpr plus(String text) {
        return with(Term.parse(Term.Kind.TEXT, Term.Role.PLUS, text));
    }

    /** This query with a MINUS text term parsed from {@code [WEIGHT:]TEXT} (see {@link Term#parse}). */
    public QueryExpr minus(String text) {
        return with(Term.parse(Term.Kind.TEXT, Term.Role.MINUS, text));
    }

    /** The same terms under another measure. */
    public QueryExpr withMeasure(Measure other) {
        return new QueryExpr(terms, other);
    }

    /**
     * The start of a refinement step: a query whose only term is the indexed image {@code id} (typically a result
     * of the previous step) as its base. Add the step's terms with {@link #plus}/{@link #minus}, e.g. "− red + green",
     * then from one of its results "− day + night".
     */
    public static QueryExpr from(String id, Measure measure) {
        return new QueryExpr(List.of(Term.of(Term.Kind.IMAGE_ID, id, Term.Role.BASE)), measure);
    }

    public List<Term> baseTerms() {
        return byRole(Term.Role.BASE);
    }

    public List<Term> plusTerms() {
        return byRole(Term.Role.PLUS);
    }

    public List<Term> minusTerms() {
        return byRole(Term.Role.MINUS);
    }

    /** True when the query has PLUS or MINUS terms (an analogy or a query with negatives). */
    public boolean hasModifiers() {
        return terms.stream().anyMatch(t -> t.role() != Term.Role.BASE);
    }

    /** True when some BASE term is an image (by path or id). */
    public boolean hasBaseImage() {
        return terms.stream().anyMatch(t -> t.role() == Term.Role.BASE && t.kind().isImage());
    }

    /**
     * The measure that scores this query: {@link Measure#DIFF} only when asked for and the query is an analogy from
     * an image (it has a base image and PLUS/MINUS terms); {@link Measure#SUM} otherwise — for plain and composed
     * queries both measures would mean cos(X, base), and DIFF from a text base is not meaningful (see
     * {@link Measure}).
     */
    public Measure effectiveMeasure() {
        return measure == Measure.DIFF && hasModifiers() && hasBaseImage() ? Measure.DIFF : Measure.SUM;
    }

    /** The base images given by indexed id: the engine leaves these out of the results by default. */
    public List<String> baseImageIds() {
        return baseTerms().stream().filter(t -> t.kind() == Term.Kind.IMAGE_ID).map(Term::value).toList();
    }

    /** The base images given by file path: the engine leaves these out of the results by default. */
    public List<String> baseImagePaths() {
        return baseTerms().stream().filter(t -> t.kind() == Term.Kind.IMAGE_PATH).map(Term::value).toList();
    }

    /** E.g. {@code [blue-car.jpg] −'blue' +'red' (diff)}. */
    @Override
    public String toString() {
        return render(terms) + " (" + effectiveMeasure().cliName() + ")";
    }

    private List<Term> byRole(Term.Role role) {
        return terms.stream().filter(t -> t.role() == role).toList();
    }

    private static String render(List<Term> terms) {
        return terms.stream().map(Term::toString).collect(Collectors.joining(" "));
    }
}
