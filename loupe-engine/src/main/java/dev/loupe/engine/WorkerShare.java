package dev.loupe.engine;

import dev.loupe.core.ImageIds;

/**
 * Worker {@code worker} of {@code workers} indexing processes that feed one index together without talking to each
 * other ({@code loupe index --worker 2/4}): each takes the files whose image id (a hash of the absolute path) falls
 * in its share, adds and re-embeds only those, and removes only vanished files of its share. Every file belongs to
 * exactly one share, whichever machine scans it, as long as all workers see the files under the same absolute
 * paths (a shared mount). Shares need no coordination, so a worker that dies is simply started again: it resumes
 * from what the index holds.
 *
 * @param worker  1 to {@code workers}
 * @param workers how many share the work, at least 1
 */
public record WorkerShare(int worker, int workers) {
    /** One worker doing everything. */
    public static final WorkerShare ALL = new WorkerShare(1, 1);

    public WorkerShare {
        if (workers < 1 || worker < 1 || worker > workers) {
            throw new IllegalArgumentException("--worker must be I/N with 1 <= I <= N, got " + worker + "/" + workers);
        }
    }

    /** Parses {@code I/N}, e.g. {@code 2/4}. */
    public static WorkerShare parse(String spec) {
        String[] parts = spec.strip().split("/");
        try {
            if (parts.length == 2) {
                return new WorkerShare(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--worker must be I/N (this worker's number and how many workers share the "
                + "files), e.g. --worker 2/4; got '" + spec + "'");
    }

    /** Whether the file at this absolute, normalized path is this worker's. */
    public boolean takes(String path) {
        if (workers == 1) {
            return true;
        }
        long h = Long.parseUnsignedLong(ImageIds.forPath(path).substring(0, 15), 16);
        return h % workers == worker - 1;
    }

    @Override
    public String toString() {
        return worker + "/" + workers;
    }
}
