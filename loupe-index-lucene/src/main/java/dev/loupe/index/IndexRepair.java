package dev.loupe.index;

import dev.loupe.core.ImageVectors;
import dev.loupe.core.ModelInfo;
import dev.loupe.core.Space;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The index side of {@code loupe check --repair}: a damaged index is moved aside (renamed beside it, never
 * overwritten or deleted), and what is still sound in it — every image whose stored fields and vectors pass the
 * checks, with its labels — is copied into a new index in its place without re-encoding. The images that could not
 * be copied are encoded again from their files by the caller (the engine's repair), from the folders this returns.
 */
public final class IndexRepair {
    private static final Logger LOG = LoggerFactory.getLogger(IndexRepair.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private IndexRepair() {
    }

    /**
     * What the salvage did.
     *
     * @param copied  images copied from the damaged index (vectors and labels as they were)
     * @param folders every folder that held an indexed image, as far as the damaged index still tells
     *                ({@code loupe-folders.txt} and the copied images): the caller indexes them again
     */
    public record Salvage(int copied, List<Path> folders) {
        public Salvage {
            folders = List.copyOf(folders);
        }
    }

    /** Renames {@code dir} to {@code DIR.damaged-yyyyMMdd-HHmmss} beside it and returns the new place. */
    public static Path moveAside(Path dir) {
        String base = dir.getFileName() + ".damaged-" + LocalDateTime.now().format(STAMP);
        Path target = dir.resolveSibling(base);
        for (int i = 2; Files.exists(target); i++) {
            target = dir.resolveSibling(base + "-" + i);
        }
        try {
            return Files.move(dir, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the damaged index " + dir + " aside to " + target + ": "
                    + e.getMessage() + "; move or copy it away yourself, then run the command again", e);
        }
    }

    /**
     * Before {@code loupe index --rebuild}: an index whose commit cannot be read is moved aside (with a warning
     * saying where) instead of being overwritten by the new one.
     */
    static Optional<Path> moveAsideIfDamaged(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        IndexDamagedException damage;
        try (Directory directory = FSDirectory.open(dir)) {
            if (!DirectoryReader.indexExists(directory)) {
                return Optional.empty();
            }
            SegmentInfos.readLatestCommit(directory);
            return Optional.empty();
        } catch (IOException e) {
            Optional<IndexDamagedException> d = Damage.of(dir, e);
            if (d.isEmpty()) {
                return Optional.empty(); // not damage: opening for writing reports it
            }
            damage = d.get();
        }
        Path moved = moveAside(dir);
        LOG.warn("the index {} was damaged ({}); it was moved to {} and a new index is built in its place",
                dir, damage.file() == null ? "unreadable commit" : damage.file(), moved);
        return Optional.of(moved);
    }

    /**
     * Copies the sound images of the damaged index at {@code damaged} into a new index at {@code fresh} (which must
     * not hold an index), written for {@code model}. Nothing is copied when the damaged index was written by another
     * model or its commit cannot be read. {@code damaged} itself is only read: the segments Lucene finds broken are
     * dropped in a temporary copy, which is removed afterwards.
     */
    public static Salvage salvage(Path damaged, Path fresh, ModelInfo model) {
        TreeSet<Path> folders = new TreeSet<>(FolderList.read(damaged));
        int copied = 0;
        try {
            Files.createDirectories(fresh);
            try (Directory out = FSDirectory.open(fresh);
                 IndexWriter writer = new IndexWriter(out, new IndexWriterConfig()
                         .setCodec(LuceneWritableIndex.codec()).setOpenMode(IndexWriterConfig.OpenMode.CREATE))) {
                copied = copySound(damaged, model, writer, folders);
                writer.setLiveCommitData(IndexCommitData.of(model).entrySet());
                writer.commit();
            }
            FolderList list = FolderList.open(fresh, true);
            folders.forEach(list::addFolder);
            list.writeIfChanged();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the repaired index " + fresh + ": " + e.getMessage(), e);
        }
        return new Salvage(copied, new ArrayList<>(folders));
    }

    /** Copies the sound documents; 0 when nothing can be read. */
    private static int copySound(Path damaged, ModelInfo model, IndexWriter writer, TreeSet<Path> folders)
            throws IOException {
        Path scratch = Files.createTempDirectory(damaged.toAbsolutePath().getParent(), ".loupe-repair-");
        try {
            copyFiles(damaged, scratch);
            try (Directory d = FSDirectory.open(scratch)) {
                if (!DirectoryReader.indexExists(d)) {
                    return 0;
                }
                Map<String, String> data;
                try {
                    data = SegmentInfos.readLatestCommit(d).getUserData();
                } catch (IOException e) {
                    return 0; // the commit is lost: everything is encoded again from the folders
                }
                if (!model.fingerprint().equals(data.get(IndexCommitData.MODEL_KEY))) {
                    return 0; // vectors of another model cannot be kept
                }
                try (CheckIndex checker = new CheckIndex(d)) {
                    CheckIndex.Status status = checker.checkIndex();
                    if (!status.clean) {
                        if (status.missingSegments) {
                            return 0;
                        }
                        checker.exorciseIndex(status); // drops the broken segments, in the scratch copy only
                    }
                }
                try (DirectoryReader reader = DirectoryReader.open(d)) {
                    int copied = 0;
                    for (LeafReaderContext leaf : reader.leaves()) {
                        copied += copyLeaf(leaf.reader(), model, writer, folders);
                    }
                    return copied;
                }
            }
        } finally {
            deleteTree(scratch);
        }
    }

    private static int copyLeaf(LeafReader r, ModelInfo model, IndexWriter writer, TreeSet<Path> folders)
            throws IOException {
        Bits live = r.getLiveDocs();
        StoredFields stored = r.storedFields();
        Map<String, KnnVectorValues.DocIndexIterator> its = new HashMap<>();
        Map<String, FloatVectorValues> values = new HashMap<>();
        for (Space s : model.spaces()) {
            FloatVectorValues v = r.getFloatVectorValues(ImageDocuments.vectorField(s.name()));
            if (v == null || v.dimension() != s.dimension()) {
                return 0;
            }
            values.put(s.name(), v);
            its.put(s.name(), v.iterator());
        }
        int copied = 0;
        for (int d = 0; d < r.maxDoc(); d++) {
            if (live != null && !live.get(d)) {
                continue;
            }
            Document doc = stored.document(d);
            if (IndexCheck.recordProblem(doc) != null) {
                continue;
            }
            Map<String, float[]> vectors = new HashMap<>();
            for (Space s : model.spaces()) {
                KnnVectorValues.DocIndexIterator it = its.get(s.name());
                int at = it.docID() < d ? it.advance(d) : it.docID();
                if (at == d) {
                    float[] v = values.get(s.name()).vectorValue(it.index()).clone();
                    if (StoredVectors.sound(v)) {
                        vectors.put(s.name(), v);
                    }
                }
            }
            if (vectors.size() != model.spaces().size()) {
                continue; // encoded again from its file
            }
            var record = ImageDocuments.toRecord(doc);
            writer.addDocument(ImageDocuments.toDocument(record, new ImageVectors(vectors, LabelFields.readModel(r, d)), LabelFields.read(r, d),
                    ImageDocuments.toText(doc))); // the words (names, metadata, OCR text) are kept too
            Path parent = Path.of(record.path()).getParent();
            if (parent != null) {
                folders.add(parent);
            }
            copied++;
        }
        return copied;
    }

    private static void copyFiles(Path from, Path to) throws IOException {
        try (var files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (Files.isRegularFile(f) && !name.equals(IndexWriter.WRITE_LOCK_NAME)) {
                    Files.copy(f, to.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Removes the temporary copy this class made (never anything else). */
    private static void deleteTree(Path scratch) {
        try {
            Files.walkFileTree(scratch, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("could not remove the temporary copy {}: {}", scratch, e.getMessage());
        }
    }
}
