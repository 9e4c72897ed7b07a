/**
 * A local SolrCloud test cluster in a JVM of its own ({@link dev.loupe.solrcluster.TestCluster}): the Solr backend's
 * tests and benchmark start it as a process, and so does {@code bin/solr-test-cluster} for trying Loupe on SolrCloud.
 */
package dev.loupe.solrcluster;
