package dev.loupe.engine;

import dev.loupe.core.Model;
import dev.loupe.index.IndexCheck;
import dev.loupe.index.IndexHealth;
import dev.loupe.core.IndexMismatchException;
import dev.loupe.index.IndexRepair;
import dev.loupe.index.LuceneImageIndex;
import dev.loupe.index.LuceneWritableIndex;
import dev.loupe.models.image.ImageDecoder;
import dev.loupe.models.image.ImageFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code loupe check --repair}: checks the index and, when it is damaged, moves it aside (kept, never deleted),
 * copies what is sound into a new index in its place and encodes the rest again from the photo folders — the
 * folders the index recorded, plus any the user names. Images that exist in those folders are all in the repaired
 * index; what only the damaged index held (labels of images in a broken segment) is reported, not invented.
 */
public final class Repairer {

    /**
     * What a repair did.
     *
     * @param before    the check before the repair
     * @param movedTo   where the damaged index now is, or null when nothing was repaired
     * @param copied    images copied from the damaged index as they were
     * @param folders   the photo folders indexed again
     * @param reindexed the index run over those folders, or null
     * @param after     the check of the repaired index
     */
    public record Report(IndexHealth before, Path movedTo, int copied, List<Path> folders, IndexReport reindexed,
                         IndexHealth after) {
        public boolean repaired() {
            return movedTo != null;
        }
    }

    private final Model model;
    private final ImageDecoder decoder;
    private final IndexerOptions options;

    public Repairer(Model model, ImageDecoder decoder, IndexerOptions options) {
        this.model = model;
        this.decoder = decoder;
        this.options = options;
    }

    /**
     * Repairs the index at {@code dir} if it is damaged.
     *
     * @param extraRoots folders (or files) to index as well, for images the index cannot name any more
     */
    public Report repair(Path dir, List<Path> extraRoots, IndexProgress progress) {
        IndexHealth before = IndexCheck.check(dir);
        if (before.state() == IndexHealth.State.MISSING) {
            throw new IllegalStateException("no index at " + dir + " to repair; build one with 'loupe index PATH...'");
        }
        if (!before.damaged()) {
            return new Report(before, null, 0, List.of(), null, before);
        }
        if (before.model() != null && !before.model().equals(model.info().fingerprint())) {
            throw new IndexMismatchException("the damaged index " + dir + " was built with model " + before.model()
                    + ", not " + model.info().fingerprint() + "; repair it with the --model that built it");
        }
        Path moved = IndexRepair.moveAside(dir);
        IndexRepair.Salvage salvage = IndexRepair.salvage(moved, dir, model.info());
        List<Path> roots = new ArrayList<>(imagesIn(salvage.folders()));
        for (Path extra : extraRoots) {
            roots.add(extra.toAbsolutePath().normalize());
        }
        IndexReport reindexed = null;
        try (LuceneWritableIndex index = LuceneImageIndex.openForWriting(dir, model.info(), false)) {
            if (!roots.isEmpty()) {
                reindexed = new Indexer(decoder, model, index, options).run(roots, progress);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the repaired index " + dir + ": " + e.getMessage(), e);
        }
        return new Report(before, moved, salvage.copied(), salvage.folders(), reindexed, IndexCheck.check(dir));
    }

    /**
     * The image files directly in each folder (the list holds every folder that held an indexed image, so its
     * sub-folders are in it when they held any — and only then).
     */
    private static List<Path> imagesIn(List<Path> folders) {
        TreeSet<Path> files = new TreeSet<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue; // gone since: nothing to recover from it
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
                for (Path f : entries) {
                    if (ImageFiles.isImage(f) && Files.isRegularFile(f)) {
                        files.add(f);
                    }
                }
            } catch (IOException e) {
                // an unreadable folder: its images cannot be recovered; the index run over the rest goes on
            }
        }
        return new ArrayList<>(files);
    }
}
