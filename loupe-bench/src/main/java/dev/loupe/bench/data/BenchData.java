package dev.loupe.bench.data;

import dev.loupe.core.query.ResolvedQuery;
import dev.loupe.core.query.VectorMatrix;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The folder {@code loupe-bench vectors} writes and the benches read — one place for its layout:
 * <pre>
 *   manifest.json                   what was made, how, and the fit's statistics
 *   real.fvecs, real-labels.ivecs   real builtin semantic vectors (held-out query images removed), their classes
 *   synth.fvecs                     vectors drawn from the distribution fit to real.fvecs
 *   synth-visual.fvecs              the same drawn images' visual-space vectors (for the engine bench)
 *   queries/KIND.q.fvecs            per query: SUM's unit query vector, or DIFF's unit direction
 *   queries/KIND.base.fvecs         DIFF only: the unit base image
 *   queries/KIND.tsv                what each query is, in words
 *   queries/texts.txt               the text queries, one per line
 *   truth/SET.KIND.ids.ivecs        exact top-100 ordinals in SET (real or synth), best first
 *   truth/SET.KIND.scores.fvecs     their exact scores
 * </pre>
 * Every file is {@code .fvecs}/{@code .ivecs}, so the Python peer script reads the same bytes.
 */
public record BenchData(Path dir) {
    /** The exact answers stored per query. */
    public static final int TRUTH_DEPTH = 100;
    public static final String REAL = "real";
    public static final String SYNTH = "synth";

    public Path manifest() {
        return dir.resolve("manifest.json");
    }

    /** The base vectors of {@code set} (real or synth). */
    public Path base(String set) {
        return dir.resolve(set + ".fvecs");
    }

    /** The visual-space vectors of {@code set}'s images, row for row. */
    public Path baseVisual(String set) {
        return dir.resolve(set + "-visual.fvecs");
    }

    public Path texts() {
        return dir.resolve("queries").resolve("texts.txt");
    }

    public Path realLabels() {
        return dir.resolve("real-labels.ivecs");
    }

    public Path queryVectors(QueryKind kind) {
        return dir.resolve("queries").resolve(kind.id() + ".q.fvecs");
    }

    public Path queryBases(QueryKind kind) {
        return dir.resolve("queries").resolve(kind.id() + ".base.fvecs");
    }

    public Path queryText(QueryKind kind) {
        return dir.resolve("queries").resolve(kind.id() + ".tsv");
    }

    public Path truthIds(String set, QueryKind kind) {
        return dir.resolve("truth").resolve(set + "." + kind.id() + ".ids.ivecs");
    }

    public Path truthScores(String set, QueryKind kind) {
        return dir.resolve("truth").resolve(set + "." + kind.id() + ".scores.fvecs");
    }

    /** The sets present in the folder, e.g. [real, synth]. */
    public List<String> sets() {
        List<String> sets = new ArrayList<>();
        for (String s : List.of(REAL, SYNTH)) {
            if (Files.isRegularFile(base(s))) {
                sets.add(s);
            }
        }
        return sets;
    }

    public VectorMatrix readBase(String set) {
        return Fvecs.readMatrix(base(set), -1);
    }

    /** The stored queries of one kind, as the product would score them. */
    public List<ResolvedQuery> readQueries(QueryKind kind) {
        List<float[]> q = Fvecs.read(queryVectors(kind));
        List<float[]> bases = kind.measure() == dev.loupe.core.query.Measure.DIFF ? Fvecs.read(queryBases(kind)) : null;
        List<ResolvedQuery> out = new ArrayList<>(q.size());
        for (int i = 0; i < q.size(); i++) {
            out.add(bases == null ? ResolvedQuery.sum(q.get(i)) : ResolvedQuery.diff(bases.get(i), q.get(i)));
        }
        return out;
    }

    /** The stored exact answers of one kind in one set. */
    public Truth readTruth(String set, QueryKind kind) {
        return new Truth(Fvecs.readInts(truthIds(set, kind)), Fvecs.read(truthScores(set, kind)));
    }

    /** Exact top-{@value #TRUTH_DEPTH} ordinals and scores per query, best first. */
    public record Truth(List<int[]> ids, List<float[]> scores) {
        public int queries() {
            return ids.size();
        }
    }
}
