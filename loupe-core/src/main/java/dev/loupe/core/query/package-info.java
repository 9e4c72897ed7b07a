/**
 * The query algebra, independent of any model or index: what a query is, how its terms combine into a score, and
 * how to find the best candidates exactly or approximately.
 *
 * <ol>
 *   <li>{@link dev.loupe.core.query.QueryExpr} — terms ({@link dev.loupe.core.query.Term}: image path, indexed id or
 *       text, with a role BASE/PLUS/MINUS and a weight; {@link dev.loupe.core.query.Term#parse} reads the CLI's
 *       {@code [WEIGHT:]VALUE}) and a {@link dev.loupe.core.query.Measure} ({@code sum} or {@code diff}, whose javadoc
 *       gives the formulas and the degenerate cases).</li>
 *   <li>{@link dev.loupe.core.query.ResolvedQuery#resolve} — the engine supplies a
 *       {@link dev.loupe.core.query.TermResolver} (and optionally a trained {@link dev.loupe.core.query.Composer});
 *       the result scores any candidate vector.</li>
 *   <li>{@link dev.loupe.core.query.ExactScanner} over a {@link dev.loupe.core.query.VectorMatrix} — the exact top k,
 *       one SIMD pass over all vectors; or {@link dev.loupe.core.query.ApproximateSearch} — candidates from an ANN
 *       index ({@link dev.loupe.core.query.CandidateSource}) gathered with a few probes, re-scored exactly.</li>
 * </ol>
 * Results are {@link dev.loupe.core.query.ScoredOrdinal}s: ordinals into the matrix, which the caller maps back to
 * images. The exact scan is fastest with {@code --add-modules jdk.incubator.vector} on the java command line and
 * still correct without it. Speed and recall are measured by {@code AnalogyBench} (test sources):
 * {@code source bin/find-jdk && loupe_find_jdk && ./mvnw -q -B -o -pl loupe-core test-compile exec:exec@analogy-bench}.
 */
package dev.loupe.core.query;
