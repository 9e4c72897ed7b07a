/**
 * The engine: the one place that opens a model and an index together. {@link dev.loupe.engine.Loupe#open} turns
 * {@link dev.loupe.engine.SessionOptions} into a session (model resolved by name, index found and checked against
 * the model, decoder with its pixel limit); the session indexes ({@link dev.loupe.engine.Indexer}:
 * {@code files → decode → encode → index}) and searches ({@link dev.loupe.engine.search}). Models are installed,
 * verified and opened by {@link dev.loupe.engine.ModelLoader}.
 */
package dev.loupe.engine;
