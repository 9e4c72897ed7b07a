package dev.loupe.index;

import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;

import java.io.IOException;

/**
 * Keeps a read-only index's view current at the cost of a file listing: another process (the indexer, the watcher)
 * commits by writing a new {@code segments_N}, so the view is refreshed only when the newest commit generation in
 * the folder is one this watch has not refreshed for yet. Lucene's own check ({@link SearcherManager#maybeRefresh})
 * reads and verifies the whole latest {@code segments_N} file each time, and a search asks several times (count,
 * kNN per probe, vectors), which is what a warm query mostly paid for before. Thread-safe.
 */
final class CommitWatch {
    private final Directory directory;
    private final SearcherManager searchers;
    /** The newest generation a refresh was made for; -1 before the first, so that the first look refreshes. */
    private volatile long seen = -1;

    CommitWatch(Directory directory, SearcherManager searchers) {
        this.directory = directory;
        this.searchers = searchers;
    }

    /**
     * Refreshes the view when the folder holds a commit newer than the last one refreshed for; otherwise only lists
     * the folder's files.
     */
    void refreshIfCommitted() throws IOException {
        long newest = SegmentInfos.getLastCommitGeneration(directory.listAll());
        if (newest == seen) {
            return;
        }
        // blocking: a refresh that another thread began before this commit was written may not include it
        searchers.maybeRefreshBlocking();
        seen = newest;
    }
}
