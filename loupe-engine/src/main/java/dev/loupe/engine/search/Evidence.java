package dev.loupe.engine.search;

/**
 * The two signals of a hit ranked by more than its cosine: the cosine itself (which the relevance calibration reads)
 * and a second signal in 0..1 that says the image matches — its words' score in a hybrid search, its probability of
 * the labels a query names in a label search. A hit is as likely to match as the stronger of the two says.
 */
record Evidence(float cosine, float match) {
}
