package dev.loupe.engine;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageIndex;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Keeps the index in step with watched folders until {@link #close()}: files that appear, change, move or vanish are
 * indexed, re-embedded, given their old vectors (the {@link Indexer} finds moves by content hash) or removed.
 * <ul>
 *   <li>Changes are noticed by the JDK's {@link WatchService} (inotify on Linux), one watch per folder. Events are
 *       gathered until the folders have been quiet for {@link Settings#quiet()}, then the folders they touched are
 *       synced in one incremental index run — a burst of a thousand copied photos is one run, not a thousand.</li>
 *   <li>A full incremental re-scan every {@link Settings#rescanEvery()} is the safety net for what a watch misses:
 *       network drives (no inotify), folders beyond the inotify watch limit, overflowed event queues.</li>
 *   <li>A root that vanishes — deleted, moved away, an unmounted drive (then an empty folder where the index has
 *       images) — is <em>offline</em>: its images stay in the index, and it is checked every
 *       {@link Settings#offlinePoll()}; when it is back it is watched and re-scanned.</li>
 * </ul>
 * The index runs happen on the thread that calls {@link #run()}; {@link #close()} stops it from another thread (a
 * run that is going on stops at the next file and commits what it did).
 */
public final class LibraryWatcher implements AutoCloseable {

    /**
     * @param quiet       how long the folders must be quiet before their changes are synced
     * @param rescanEvery how often every online root is re-scanned in full, whatever the watch saw
     * @param offlinePoll how often the roots are checked for having gone or come back
     */
    public record Settings(Duration quiet, Duration rescanEvery, Duration offlinePoll) {
        public Settings {
            for (Duration d : List.of(quiet, rescanEvery, offlinePoll)) {
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("watch intervals must be > 0, got " + d);
                }
            }
        }

        /** 1.5 s of quiet, a full re-scan every 10 min, offline roots checked every 2 s. */
        public static Settings defaults() {
            return new Settings(Duration.ofMillis(1500), Duration.ofMinutes(10), Duration.ofSeconds(2));
        }
    }

    /** What the watcher tells: the index runs' callbacks (each file's {@link FileChange}) and its own events. */
    public interface Listener extends IndexProgress {
        /** Watching starts: these roots are online (an initial sync follows), these offline. */
        default void watching(List<Path> online, List<Path> offline) {
        }

        /** A root is gone; its {@code kept} images stay in the index. */
        default void offline(Path root, int kept) {
        }

        /** A root is back; a re-scan of it follows. */
        default void online(Path root) {
        }

        /** One sync (index run) is over; the index holds {@code images} images. */
        default void synced(List<Path> paths, IndexReport report, int images) {
        }

        /** Something the watch cannot do (a folder it cannot watch, a run that failed); watching goes on. */
        default void problem(String message) {
        }
    }

    private static final long POLL_MILLIS = 100;

    private final Indexer indexer;
    private final ImageIndex index;
    private final List<Path> roots;
    private final Settings settings;
    private final Listener listener;
    private final Map<WatchKey, Path> watched = new HashMap<>(); // confined to the running thread
    private final Set<Path> offline = new LinkedHashSet<>();     // confined to the running thread
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopped;
    private volatile boolean running;
    private WatchService service;

    /**
     * @param roots folders (or single image files) to watch; they need not exist yet (then they start offline)
     */
    public LibraryWatcher(Indexer indexer, ImageIndex index, List<Path> roots, Settings settings, Listener listener) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("nothing to watch: give one or more folders");
        }
        this.indexer = indexer;
        this.index = index;
        this.roots = roots.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
        this.settings = settings;
        this.listener = listener;
    }

    /** The watched roots, absolute and normalised. */
    public List<Path> roots() {
        return roots;
    }

    /** Watches until {@link #close()} is called (or the thread is interrupted). */
    public void run() throws IOException {
        running = true;
        try (WatchService ws = FileSystems.getDefault().newWatchService()) {
            service = ws;
            List<Path> online = new ArrayList<>();
            for (Path root : roots) {
                if (isOnline(root)) {
                    online.add(root);
                    watchTree(root);
                } else {
                    offline.add(root);
                }
            }
            listener.watching(List.copyOf(online), List.copyOf(offline));
            offline.forEach(r -> listener.offline(r, imagesUnder(r)));
            sync(online);
            loop(ws);
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // stopped
        } finally {
            finished.countDown();
        }
    }

    private void loop(WatchService ws) throws InterruptedException {
        Set<Path> dirty = new LinkedHashSet<>();
        long lastEvent = 0;
        long lastCheck = System.nanoTime();
        long lastRescan = System.nanoTime();
        while (!stopped) {
            WatchKey key = ws.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            while (key != null) {
                collect(key, dirty);
                lastEvent = System.nanoTime();
                key = ws.poll();
            }
            long now = System.nanoTime();
            if (!dirty.isEmpty() && now - lastEvent >= settings.quiet().toNanos()) {
                List<Path> paths = targets(dirty);
                dirty.clear();
                sync(paths);
            }
            if (now - lastCheck >= settings.offlinePoll().toNanos()) {
                checkRoots();
                lastCheck = System.nanoTime();
            }
            if (now - lastRescan >= settings.rescanEvery().toNanos()) {
                sync(targets(new LinkedHashSet<>(roots))); // each root checked first: an unmounted one goes offline
                lastRescan = System.nanoTime();
            }
        }
    }

    /** The folders (or file roots) a key's events touched; new sub-folders are watched from now on. */
    private void collect(WatchKey key, Set<Path> dirty) {
        Path dir = watched.get(key);
        for (WatchEvent<?> e : key.pollEvents()) {
            if (dir == null) {
                continue;
            }
            if (e.kind() == StandardWatchEventKinds.OVERFLOW) {
                // events were lost: the roots this folder holds or lies in are re-scanned in full
                roots.stream().filter(r -> dir.startsWith(r) || r.startsWith(dir)).forEach(dirty::add);
                continue;
            }
            Path child = dir.resolve((Path) e.context());
            if (roots.contains(child)) {
                dirty.add(child); // a watched single file, in the folder watched for its sake
                continue;
            }
            if (!under(dir)) {
                continue; // the folder of a single-file root: its other files are not watched
            }
            if (e.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                watchTree(child); // files copied into it before this are found by the sync of dir
            }
            dirty.add(dir);
        }
        if (!key.reset() && dir != null) {
            watched.remove(key);
            if (under(dir)) {
                dirty.add(dir); // the folder itself is gone (deleted, moved, unmounted)
            }
        }
    }

    /**
     * The paths to sync for the touched folders: each one's nearest existing folder within its root, none of them
     * inside another; folders of offline roots are left for the re-scan when the root comes back.
     */
    private List<Path> targets(Set<Path> dirty) {
        Set<Path> out = new LinkedHashSet<>();
        for (Path p : dirty) {
            Path root = rootOf(p);
            if (root == null || offline.contains(root)) {
                continue;
            }
            if (!isOnline(root)) {
                goOffline(root);
                continue;
            }
            Path t = p;
            while (!t.equals(root) && !Files.exists(t)) {
                t = t.getParent();
            }
            out.add(t);
        }
        return out.stream().filter(p -> out.stream().noneMatch(o -> !o.equals(p) && p.startsWith(o))).toList();
    }

    /** Offline roots that are back are watched and re-scanned; online roots that are gone go offline. */
    private void checkRoots() {
        for (Path root : roots) {
            boolean isOffline = offline.contains(root);
            boolean on = isOnline(root);
            if (isOffline && on) {
                offline.remove(root);
                listener.online(root);
                watchTree(root);
                sync(List.of(root));
            } else if (!isOffline && !on) {
                goOffline(root);
            }
        }
    }

    private void goOffline(Path root) {
        offline.add(root);
        watched.entrySet().removeIf(e -> {
            boolean inside = e.getValue().startsWith(root);
            if (inside) {
                e.getKey().cancel();
            }
            return inside;
        });
        listener.offline(root, imagesUnder(root));
    }

    /**
     * A root is online when it exists and — for a folder — is not empty while the index has images in it: an
     * unmounted drive leaves an empty mount point, which must not read as "every photo was deleted".
     */
    private boolean isOnline(Path root) {
        if (!Files.isDirectory(root)) {
            return Files.exists(root);
        }
        try (Stream<Path> entries = Files.list(root)) {
            return entries.findAny().isPresent() || imagesUnder(root) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private int imagesUnder(Path root) {
        return index.count(ImageFilter.NONE.inFolder(root.toString()));
    }

    /** One incremental index run over {@code paths}; failures are reported, and watching goes on. */
    private void sync(List<Path> paths) {
        if (paths.isEmpty() || stopped) {
            return;
        }
        try {
            IndexReport report = indexer.run(paths, new Stoppable());
            listener.synced(paths, report, index.count());
        } catch (CancellationException e) {
            // close() was called: the run committed what it did
        } catch (RuntimeException e) {
            listener.problem("index run over " + paths + " failed: " + e.getMessage() + " — it is tried again at the "
                    + "next change or re-scan");
        }
    }

    /** Passes the run's callbacks on, and stops the run at the next file once the watcher is closed. */
    private final class Stoppable extends ForwardingProgress {
        @Override
        protected IndexProgress target() {
            return listener;
        }

        @Override
        public void advanced(String path) {
            super.advanced(path);
            stopIfClosed();
        }

        @Override
        public void ocrAdvanced(String path) {
            super.ocrAdvanced(path);
            stopIfClosed();
        }

        private void stopIfClosed() {
            if (stopped) {
                throw new CancellationException("watch stopped");
            }
        }
    }

    /** Watches a folder and every folder below it (a single-file root: the folder that holds it). */
    private void watchTree(Path top) {
        Path start = Files.isDirectory(top) ? top : top.getParent();
        if (start == null) {
            return;
        }
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!Files.isDirectory(top) && !dir.equals(start)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    try {
                        watched.put(dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                                StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY), dir);
                        return FileVisitResult.CONTINUE;
                    } catch (IOException e) {
                        listener.problem("cannot watch " + dir + ": " + e.getMessage() + " — its changes are found by "
                                + "the re-scan every " + settings.rescanEvery().toMinutes() + " min (on Linux, raise "
                                + "fs.inotify.max_user_watches when the watch limit is reached)");
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            listener.problem("cannot watch " + top + ": " + e.getMessage());
        }
    }

    /** The root {@code p} lies in (the innermost, when roots nest), or null. */
    private Path rootOf(Path p) {
        Path best = null;
        for (Path r : roots) {
            if (p.startsWith(r) && (best == null || r.startsWith(best))) {
                best = r;
            }
        }
        return best;
    }

    private boolean under(Path p) {
        return rootOf(p) != null;
    }

    /**
     * Stops watching: a run that is going on stops at its next file and commits what it did. Waits up to a minute
     * for {@link #run()} to return.
     */
    @Override
    public void close() {
        stopped = true;
        if (!running) {
            return;
        }
        try {
            finished.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
