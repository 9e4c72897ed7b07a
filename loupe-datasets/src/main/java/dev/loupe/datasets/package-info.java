/**
 * Readers of public datasets in their original file formats, for measuring Loupe: Fashion-MNIST's IDX files.
 *
 * <p>This module exists so that there is one reader for each dataset that both the product's tests (loupe-models,
 * loupe-classify, in test scope) and the lab (loupe-learn, loupe-lab) use, without the product depending on the
 * lab and without the lab depending on another module's test classes. Nothing here is on the product's class path.
 * Datasets only the lab reads (Fashion200k, MIT-States, the generated CSS-like scenes) live in
 * {@code dev.loupe.learn.data}.
 */
package dev.loupe.datasets;
