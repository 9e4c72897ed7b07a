package dev.loupe.cli;

import dev.loupe.engine.LibraryWatcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Runs a {@link LibraryWatcher} until Ctrl+C (SIGINT) or SIGTERM, and ends cleanly: every change committed. */
final class Watching {
    private Watching() {
    }

    /**
     * Watches on this thread until the process is told to stop. The shutdown hook stops the watcher (a sync that
     * is going on commits what it did) and waits for {@code closeSession} — which closes the index — before the
     * JVM exits.
     */
    static void untilStopped(LibraryWatcher watcher, Runnable closeSession) {
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            watcher.close();
            try {
                closed.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "loupe-watch-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            watcher.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + watcher.roots() + ": " + e.getMessage(), e);
        } finally {
            try {
                closeSession.run();
            } finally {
                closed.countDown();
            }
        }
    }
}
