package dev.loupe.index.solr;

/** A SolrCloud request failed; the message names the cluster or collection, what went wrong and what to do. */
public final class SolrIndexException extends IllegalStateException {
    public SolrIndexException(String message, Throwable cause) {
        super(message, cause);
    }

    public SolrIndexException(String message) {
        super(message);
    }
}
