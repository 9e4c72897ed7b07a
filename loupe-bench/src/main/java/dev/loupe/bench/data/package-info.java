/**
 * The bench's vector sets: real builtin embeddings, draws from a distribution fit to them, queries of each kind and
 * their exact answers, all stored once as {@code .fvecs}/{@code .ivecs} files ({@link dev.loupe.bench.data.BenchData}).
 */
package dev.loupe.bench.data;
