package dev.loupe.index;

import dev.loupe.core.ImageIds;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SegmentReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code loupe check}: Lucene's {@link CheckIndex} (every file's checksum, every segment's structures) and then
 * Loupe's own pass over every live document — the commit records the model and its spaces, each space has a vector
 * field of the recorded dimension, every image has its stored fields (id, path, content hash, size, mtime) with an
 * id that matches its path, and every vector is a unit vector of finite numbers. Reports per segment. It takes the
 * index's write lock, so it refuses to run while another process writes the index. Changes nothing.
 */
public final class IndexCheck {
    private IndexCheck() {
    }

    /** Checks the index at {@code dir}. */
    public static IndexHealth check(Path dir) {
        if (!Files.isDirectory(dir)) {
            return missing(dir);
        }
        try (Directory directory = FSDirectory.open(dir)) {
            if (!DirectoryReader.indexExists(directory)) {
                return orphanFiles(dir) ? new IndexHealth(dir, IndexHealth.State.DAMAGED, null, null, -1, List.of(),
                        List.of(new IndexHealth.Problem(null, "segments_N", null, "the commit file is missing, "
                                + "though the folder holds the index's other files")), 0) : missing(dir);
            }
            Lock lock;
            try {
                lock = directory.obtainLock(IndexWriter.WRITE_LOCK_NAME);
            } catch (LockObtainFailedException e) {
                throw new IllegalStateException("the index " + dir + " is being written by another loupe process "
                        + "(loupe index or loupe serve); stop it and check again", e);
            }
            try (CheckIndex checker = new CheckIndex(directory, lock)) {
                return check(dir, directory, checker);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the index " + dir + ": " + e.getMessage(), e);
        }
    }

    private static IndexHealth missing(Path dir) {
        return new IndexHealth(dir, IndexHealth.State.MISSING, null, null, 0, List.of(), List.of(), 0);
    }

    /** Lucene segment files without any commit: a deleted {@code segments_N}, not an empty folder. */
    private static boolean orphanFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).anyMatch(n -> n.startsWith("_") && n.endsWith(".si"));
        }
    }

    private static IndexHealth check(Path dir, Directory directory, CheckIndex checker) throws IOException {
        List<IndexHealth.Problem> problems = new ArrayList<>();
        SegmentInfos commit;
        try {
            commit = SegmentInfos.readLatestCommit(directory);
        } catch (IOException e) {
            IndexDamagedException d = Damage.of(dir, e).orElseThrow(() -> e);
            problems.add(new IndexHealth.Problem(null, d.file(), null, "the commit cannot be read: "
                    + Damage.problem(dir, d.file(), rootDamage(e))));
            return new IndexHealth(dir, IndexHealth.State.DAMAGED, null, null, -1, List.of(), problems, 0);
        }
        String model = commit.getUserData().get(IndexCommitData.MODEL_KEY);
        String spaces = commit.getUserData().get(IndexCommitData.SPACES_KEY);
        if (model == null || spaces == null) {
            problems.add(new IndexHealth.Problem(null, null, null, "the commit does not record the model that "
                    + "wrote the vectors; this is not an index Loupe wrote, or its commit data was lost"));
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        checker.setInfoStream(new PrintStream(log, true, StandardCharsets.UTF_8), false);
        CheckIndex.Status status = checker.checkIndex();
        Map<String, IndexHealth.Segment> segments = new LinkedHashMap<>();
        for (CheckIndex.Status.SegmentInfoStatus s : status.segmentInfos) {
            boolean ok = s.error == null;
            segments.put(s.name, new IndexHealth.Segment(s.name, s.maxDoc, ok));
            if (!ok) {
                Throwable root = rootDamage(s.error);
                String file = Damage.file(root);
                problems.add(new IndexHealth.Problem(s.name, file, null, Damage.problem(dir, file, root)));
            }
        }
        if (status.missingSegments) {
            problems.add(new IndexHealth.Problem(null, status.segmentsFileName, null, "Lucene cannot read the commit"));
        }
        int images = -1;
        int[] damagedImages = {0};
        if (status.clean && problems.isEmpty()) {
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                images = reader.numDocs();
                for (LeafReaderContext leaf : reader.leaves()) {
                    String name = leaf.reader() instanceof SegmentReader sr ? sr.getSegmentName() : "?";
                    int before = problems.size();
                    checkDocuments(name, leaf.reader(), spaces, problems, damagedImages);
                    if (problems.size() > before && segments.containsKey(name)) {
                        IndexHealth.Segment old = segments.get(name);
                        segments.put(name, new IndexHealth.Segment(name, old.documents(), false));
                    }
                }
            }
        }
        IndexHealth.State state = problems.isEmpty() ? IndexHealth.State.HEALTHY : IndexHealth.State.DAMAGED;
        if (problems.size() > IndexHealth.MAX_LISTED) {
            int more = problems.size() - IndexHealth.MAX_LISTED;
            problems = new ArrayList<>(problems.subList(0, IndexHealth.MAX_LISTED));
            problems.add(new IndexHealth.Problem(null, null, null, "… and " + more + " more problems"));
        }
        List<IndexHealth.Segment> bySegment = new ArrayList<>(segments.values());
        bySegment.sort(java.util.Comparator.comparing(IndexHealth.Segment::name));
        return new IndexHealth(dir, state, model, spaces, images, bySegment, problems,
                damagedImages[0]);
    }

    /** Loupe's own checks of one segment's live documents. */
    private static void checkDocuments(String segment, LeafReader r, String spaces, List<IndexHealth.Problem> problems,
                                       int[] damagedImages) throws IOException {
        Bits live = r.getLiveDocs();
        StoredFields stored = r.storedFields();
        Set<Integer> bad = new HashSet<>();
        List<String> fields = new ArrayList<>();
        for (String space : spaces == null ? new String[0] : spaces.split(",")) {
            int colon = space.lastIndexOf(':');
            if (colon < 0) {
                continue;
            }
            String field = ImageDocuments.vectorField(space.substring(0, colon));
            int dimension = Integer.parseInt(space.substring(colon + 1));
            FieldInfo info = r.getFieldInfos().fieldInfo(field);
            if (r.numDocs() > 0 && (info == null || !info.hasVectorValues())) {
                problems.add(new IndexHealth.Problem(segment, null, null, "no vectors for space '"
                        + space.substring(0, colon) + "'"));
                continue;
            }
            if (info != null && info.getVectorDimension() != dimension) {
                problems.add(new IndexHealth.Problem(segment, null, null, "space '" + space.substring(0, colon)
                        + "' has " + info.getVectorDimension() + " dimensions, the commit records " + dimension));
                continue;
            }
            fields.add(field);
        }
        for (String field : fields) {
            FloatVectorValues values = r.getFloatVectorValues(field);
            KnnVectorValues.DocIndexIterator it = values == null ? null : values.iterator();
            int next = it == null ? KnnVectorValues.DocIndexIterator.NO_MORE_DOCS : it.nextDoc();
            for (int d = 0; d < r.maxDoc(); d++) {
                boolean has = next == d;
                if (live == null || live.get(d)) {
                    String problem = has ? StoredVectors.problem(values.vectorValue(it.index()))
                            : "it has no vector";
                    if (problem != null) {
                        bad.add(d);
                        problems.add(new IndexHealth.Problem(segment, null, pathOf(stored, d), "the '"
                                + field.substring(ImageDocuments.VECTOR_PREFIX.length()) + "' vector is damaged: "
                                + problem));
                    }
                }
                if (has) {
                    next = it.nextDoc();
                }
            }
        }
        for (int d = 0; d < r.maxDoc(); d++) {
            if (live != null && !live.get(d)) {
                continue;
            }
            String problem = recordProblem(stored.document(d));
            if (problem != null) {
                bad.add(d);
                problems.add(new IndexHealth.Problem(segment, null, pathOf(stored, d), problem));
            }
        }
        damagedImages[0] += bad.size();
    }

    /** What is wrong with a document's stored fields, or null. */
    static String recordProblem(Document d) {
        List<String> missing = new ArrayList<>();
        for (String f : List.of(ImageDocuments.ID, ImageDocuments.PATH, ImageDocuments.HASH)) {
            if (d.get(f) == null) {
                missing.add(f);
            }
        }
        for (String f : List.of(ImageDocuments.SIZE, ImageDocuments.MTIME)) {
            if (d.getField(f) == null || d.getField(f).numericValue() == null) {
                missing.add(f);
            }
        }
        if (!missing.isEmpty()) {
            return "stored fields are missing: " + String.join(", ", missing);
        }
        if (!ImageIds.forPath(d.get(ImageDocuments.PATH)).equals(d.get(ImageDocuments.ID))) {
            return "the stored id " + d.get(ImageDocuments.ID) + " does not belong to its path";
        }
        return null;
    }

    private static String pathOf(StoredFields stored, int doc) {
        try {
            String p = stored.document(doc).get(ImageDocuments.PATH);
            return p == null ? "(document " + doc + ", no stored path)" : p;
        } catch (IOException | RuntimeException e) {
            return "(document " + doc + ")";
        }
    }

    /** The innermost cause that is damage (Lucene wraps the failure of a segment in its own messages). */
    static Throwable rootDamage(Throwable e) {
        Throwable found = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (Damage.isDamage(t)) {
                found = t;
            }
        }
        return found;
    }
}
