package dev.loupe.cli;

import dev.loupe.engine.IndexProgress;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress bars on stderr (stdout stays clean for results and --json). */
final class ProgressBars {
    private ProgressBars() {
    }

    /** A progress bar for an index run; silent when {@code visible} is false. */
    static IndexBar index(boolean visible) {
        return new IndexBar(visible);
    }

    static final class IndexBar implements IndexProgress, AutoCloseable {
        private final boolean visible;
        private ProgressBar bar;

        IndexBar(boolean visible) {
            this.visible = visible;
        }

        private int files;

        @Override
        public void started(int files) {
            this.files = files;
        }

        /** The bar starts after the unchanged files, so that its speed counts only the files worked on. */
        @Override
        public void resumed(int unchanged) {
            if (visible && bar == null) {
                bar = new ProgressBarBuilder().setTaskName("Indexing").setInitialMax(files)
                        .startsFrom(unchanged, java.time.Duration.ZERO)
                        .setStyle(ProgressBarStyle.ASCII).setUnit(" img", 1).showSpeed()
                        .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                        .setUpdateIntervalMillis(250).build();
            }
        }

        @Override
        public void advanced(String path) {
            resumed(0);
            if (bar != null) {
                bar.step();
            }
        }

        @Override
        public void committed(int documents) {
            if (bar != null) {
                bar.setExtraMessage(" (" + documents + " committed)");
            }
        }

        /** The OCR pass gets a bar of its own, after the embedding pass's. */
        @Override
        public void ocrStarted(int images) {
            if (visible && images > 0) {
                close();
                bar = new ProgressBarBuilder().setTaskName("OCR").setInitialMax(images)
                        .setStyle(ProgressBarStyle.ASCII).setUnit(" img", 1).showSpeed()
                        .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                        .setUpdateIntervalMillis(250).build();
            }
        }

        @Override
        public void ocrAdvanced(String path) {
            advanced(path);
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }

    /** A progress bar for the duplicate pair search; silent when {@code visible} is false. */
    static PairBar pairs(boolean visible) {
        return new PairBar(visible);
    }

    static final class PairBar implements dev.loupe.engine.duplicates.DuplicateProgress, AutoCloseable {
        private final boolean visible;
        private ProgressBar bar;

        PairBar(boolean visible) {
            this.visible = visible;
        }

        @Override
        public void started(int images) {
            if (visible) {
                bar = new ProgressBarBuilder().setTaskName("Pairs").setInitialMax(images)
                        .setStyle(ProgressBarStyle.ASCII).setUnit(" img", 1).showSpeed()
                        .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                        .setUpdateIntervalMillis(250).build();
            }
        }

        @Override
        public void advanced() {
            if (bar != null) {
                bar.step();
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
