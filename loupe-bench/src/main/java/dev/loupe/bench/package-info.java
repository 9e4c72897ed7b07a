/**
 * The bench launcher's entry point ({@code bin/loupe-bench}): performance at scale beside FAISS and hnswlib. A module
 * of its own so that the product's install carries neither Fashion-MNIST code nor the Python peers. See
 * docs/performance.md for the commands and the numbers.
 */
package dev.loupe.bench;
