/**
 * The index on SolrCloud: {@link dev.loupe.index.solr.SolrBackend} creates and checks a collection (Loupe's own
 * configset, one dense vector field per space, the model recorded in it) and opens it as a
 * {@link dev.loupe.index.solr.SolrImageIndex} or {@link dev.loupe.index.solr.SolrWritableIndex}, which talk to the
 * cluster through SolrJ. Filters become Solr filter queries, which the kNN search applies as its pre-filter. The
 * words of each image are text fields analysed and scored as in the embedded index
 * ({@code SolrTextSearch}).
 */
package dev.loupe.index.solr;
