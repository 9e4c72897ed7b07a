package dev.loupe.index;

import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Damages an index the four ways issue 13 lists, for tests. The vector data of a segment is either a file of its own
 * ({@code _0_LoupeHnswInt7_0.vec}) or an entry of the segment's compound file ({@code _0.cfs}, which Lucene writes
 * for small segments); both are handled. Each method returns the name of the file it damaged.
 */
public final class IndexDamage {
    private IndexDamage() {
    }

    /** Where a segment's largest float-vector data lies: a file, and the region of it that holds the vectors. */
    record Region(Path file, long offset, long length) {
    }

    /** Cuts the segment's vector data in half (and, in a compound file, everything after it). */
    public static String truncateVectors(Path dir, String segment) throws IOException {
        Region r = vectors(dir, segment);
        try (RandomAccessFile f = new RandomAccessFile(r.file().toFile(), "rw")) {
            f.setLength(r.offset() + r.length() / 2);
        }
        return r.file().getFileName().toString();
    }

    /** Overwrites {@code bytes} bytes of the segment's vector data with random ones; the file keeps its length. */
    public static String randomBytesInVectors(Path dir, String segment, int bytes, long seed) throws IOException {
        Region r = vectors(dir, segment);
        long start = r.offset() + Math.min(1024, r.length() / 8);
        int n = (int) Math.min(bytes, r.offset() + r.length() - start - 16);
        byte[] noise = new byte[n];
        new Random(seed).nextBytes(noise);
        try (RandomAccessFile f = new RandomAccessFile(r.file().toFile(), "rw")) {
            f.seek(start);
            f.write(noise);
        }
        return r.file().getFileName().toString();
    }

    /** Empties the segment's {@code .si} file. */
    public static String emptySegmentInfo(Path dir, String segment) throws IOException {
        Path si = dir.resolve(segment + ".si");
        Files.write(si, new byte[0]);
        return si.getFileName().toString();
    }

    /** Overwrites the middle half of the latest {@code segments_N} with random bytes. */
    public static String garbageInCommit(Path dir, long seed) throws IOException {
        Path segments;
        try (Stream<Path> files = Files.list(dir)) {
            segments = files.filter(p -> p.getFileName().toString().startsWith("segments_"))
                    .max(Comparator.comparing(p -> p.getFileName().toString())).orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(segments);
        byte[] noise = new byte[bytes.length / 2];
        new Random(seed).nextBytes(noise);
        System.arraycopy(noise, 0, bytes, bytes.length / 4, noise.length);
        Files.write(segments, bytes);
        return segments.getFileName().toString();
    }

    /** The segment's largest {@code .vec} data: a file of its own, or an entry of its compound file. */
    static Region vectors(Path dir, String segment) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            Path own = files.filter(p -> p.getFileName().toString().startsWith(segment + "_")
                            && p.getFileName().toString().endsWith(".vec"))
                    .max(Comparator.comparingLong(p -> p.toFile().length())).orElse(null);
            if (own != null) {
                return new Region(own, 0, Files.size(own));
            }
        }
        Path cfs = dir.resolve(segment + ".cfs");
        if (!Files.exists(cfs)) {
            throw new IllegalStateException("segment " + segment + " has neither .vec files nor a compound file in " + dir);
        }
        Region best = null;
        // the entry table (.cfe) of Lucene90CompoundFormat: index header, count, then (name, offset, length)
        try (Directory d = FSDirectory.open(dir); IndexInput in = d.openInput(segment + ".cfe", IOContext.READONCE)) {
            CodecUtil.checkHeader(in, "Lucene90CompoundEntries", 0, Integer.MAX_VALUE);
            in.skipBytes(16); // segment id
            in.skipBytes(in.readByte() & 0xFF); // suffix
            int n = in.readVInt();
            for (int i = 0; i < n; i++) {
                String name = in.readString();
                long offset = in.readLong();
                long length = in.readLong();
                if (name.endsWith(".vec") && (best == null || length > best.length())) {
                    best = new Region(cfs, offset, length);
                }
            }
        }
        if (best == null) {
            throw new IllegalStateException("no vector data in " + cfs);
        }
        return best;
    }
}
