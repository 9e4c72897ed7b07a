package dev.loupe.core;

import java.util.Optional;

/**
 * Where an index lives and how to open it: the embedded Lucene folder, a SolrCloud collection. The engine's session
 * opens the index through this, so a backend plugs in without the planner or the entry points knowing it.
 */
public interface IndexBackend {
    /** Opens the existing index for queries; fails with a message that names the index when there is none. */
    ImageIndex openForReading(ModelInfo model);

    /** Opens (creating if needed) the index for writing; {@code rebuild} discards what is there. */
    WritableImageIndex openForWriting(ModelInfo model, boolean rebuild);

    /** The model fingerprint ({@link ModelInfo#fingerprint()}) the existing index was built with, if any. */
    Optional<String> recordedModel();

    /** Names the index for messages, e.g. a folder or {@code solr:collection}. */
    String describe();
}
