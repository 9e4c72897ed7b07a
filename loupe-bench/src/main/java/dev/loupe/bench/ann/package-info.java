/**
 * The ANN bench: Loupe's Lucene index in each vector encoding beside FAISS and hnswlib (a Python script run as a
 * child process), swept over the search setting, reported at fixed recall targets.
 */
package dev.loupe.bench.ann;
