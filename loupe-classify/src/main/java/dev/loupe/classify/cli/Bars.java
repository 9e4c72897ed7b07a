package dev.loupe.classify.cli;

import dev.loupe.classify.Progress;
import me.tongfei.progressbar.ProgressBar;

import java.io.PrintWriter;

/**
 * A {@link Progress} drawn as one progress bar per task on a command's error writer (stdout stays clean for results
 * and --json); silent when not visible. Shared by the classify commands and the lab's classification benchmark.
 */
public final class Bars implements Progress, AutoCloseable {
    private final PrintWriter err;
    private final boolean visible;
    private ProgressBar bar;

    public Bars(PrintWriter err, boolean visible) {
        this.err = err;
        this.visible = visible;
    }

    @Override
    public synchronized void started(String task, long total) {
        finished();
        if (visible) {
            bar = BarOutput.bar(err, task, total, 250);
        }
    }

    @Override
    public synchronized void advanced(long steps) {
        if (bar != null) {
            bar.stepBy(steps);
        }
    }

    @Override
    public synchronized void finished() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    @Override
    public void close() {
        finished();
    }
}
