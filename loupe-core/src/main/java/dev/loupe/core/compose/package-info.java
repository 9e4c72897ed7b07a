/**
 * Trained composers in plain Java (TIRG, concat, FiLM, image-only, text-only, projections): the forward passes of
 * heads trained in the lab, read from one file format ({@link dev.loupe.core.compose.ComposerFile}) so the product
 * runs them without a deep-learning runtime.
 */
package dev.loupe.core.compose;
