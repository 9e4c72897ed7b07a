package dev.loupe.cli;

import dev.loupe.models.store.ProgressListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.util.HashMap;
import java.util.Map;

/**
 * One progress bar per model file being downloaded or copied, on stderr (stdout stays clean for results and
 * --json). A resumed download starts its bar at the bytes already on disk. Silent when not visible.
 */
final class DownloadBars implements ProgressListener, AutoCloseable {
    private static final int MEGABYTE = 1 << 20;
    private static final int KILOBYTE = 1 << 10;

    private final boolean visible;
    private final Map<String, ProgressBar> bars = new HashMap<>();

    DownloadBars(boolean visible) {
        this.visible = visible;
    }

    @Override
    public synchronized void onProgress(String fileName, long bytesDone, long bytesTotal) {
        if (!visible) {
            return;
        }
        boolean large = bytesTotal < 0 || bytesTotal >= 10L * MEGABYTE;
        ProgressBar bar = bars.computeIfAbsent(fileName, name -> new ProgressBarBuilder().setTaskName(name)
                .setInitialMax(bytesTotal).setStyle(ProgressBarStyle.ASCII)
                .setUnit(large ? " MiB" : " KiB", large ? MEGABYTE : KILOBYTE)
                .showSpeed().setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(250)
                .startsFrom(bytesDone, java.time.Duration.ZERO).build());
        bar.stepTo(bytesDone);
        if (bytesTotal >= 0 && bytesDone >= bytesTotal) {
            bars.remove(fileName).close();
        }
    }

    @Override
    public synchronized void close() {
        bars.values().forEach(ProgressBar::close);
        bars.clear();
    }
}
