/**
 * The HTTP API and the search page over one session ({@link dev.loupe.server.LoupeServer}). Handlers only parse and
 * present: a search body becomes the engine's {@link dev.loupe.engine.search.SearchRequest}
 * ({@link dev.loupe.server.SearchParser}), and the engine's result becomes JSON ({@link dev.loupe.server.Views}).
 * The API is described by the bundled {@code openapi.json}, which a test checks against the code.
 */
package dev.loupe.server;
