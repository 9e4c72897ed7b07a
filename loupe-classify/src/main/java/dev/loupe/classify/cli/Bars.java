package dev.loupe.classify.cli;

import dev.loupe.classify.Progress;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress bars on stderr (stdout stays clean for results and --json); silent when not visible. */
final class Bars implements Progress, AutoCloseable {
    private final boolean visible;
    private ProgressBar bar;

    Bars(boolean visible) {
        this.visible = visible;
    }

    @Override
    public synchronized void started(String task, long total) {
        finished();
        if (visible) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(250).build();
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
