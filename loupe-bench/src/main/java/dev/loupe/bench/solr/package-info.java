/**
 * {@code loupe-bench solr}: the embedded index beside SolrCloud collections of 1 and 2 shards on the same vectors —
 * indexing throughput, text and analogy latency through the engine's approximate path, recall@10 against the exact
 * answer (docs/scale-out.md).
 */
package dev.loupe.bench.solr;
