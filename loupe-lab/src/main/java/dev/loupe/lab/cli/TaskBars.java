package dev.loupe.lab.cli;

import dev.loupe.classify.Progress;
import me.tongfei.progressbar.ProgressBar;

import java.io.PrintWriter;

/** Progress bars of the classification benchmark on the error writer (stdout stays clean); silent when not visible. */
final class TaskBars implements Progress, AutoCloseable {
    private final PrintWriter err;
    private final boolean visible;
    private ProgressBar bar;

    TaskBars(PrintWriter err, boolean visible) {
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
