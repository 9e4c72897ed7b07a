package dev.loupe.bench.ann;

import dev.loupe.core.query.CandidateSource;
import dev.loupe.core.query.VectorStore;

import java.io.Closeable;

/**
 * One built ANN index under test, seen the way the product's approximate path sees its index: a source of
 * candidate ordinals for a probe vector, and the float vectors to re-score them exactly.
 */
public interface AnnIndex extends CandidateSource, VectorStore, Closeable {
    /** Bytes of the index's files on disk. */
    long diskBytes();

    /** Bytes a search reads: graph plus the vectors it compares (see {@link Results.Build#searchBytes()}). */
    long searchBytes();

    /** Bytes of the index resident in this process's memory now (mapped pages touched, or heap it holds). */
    long residentBytes();
}
