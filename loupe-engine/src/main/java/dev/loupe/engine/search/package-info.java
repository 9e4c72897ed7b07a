/**
 * The one search API: a {@link dev.loupe.engine.search.SearchRequest} (a query expression, a composer, one filter,
 * paging) goes into {@link dev.loupe.engine.search.SearchEngine#search}, which plans (exact scan, HNSW probes or the
 * visual+semantic blend), searches with the filter pushed into the index, re-scores exactly and returns a
 * {@link dev.loupe.engine.search.SearchResult} with its {@link dev.loupe.engine.search.SearchStats}. The CLI and the
 * server only parse their input into a request and print the result.
 */
package dev.loupe.engine.search;
