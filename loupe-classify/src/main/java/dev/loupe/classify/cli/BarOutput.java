package dev.loupe.classify.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;

/**
 * Draws a progress bar on a command's error writer, redrawing one line with a carriage return. The progressbar
 * library's own console consumer only takes a {@code PrintStream} (it would mean {@code System.err}); commands
 * print through the writers picocli gives them, so this adapter is the few lines that library lacks.
 */
public final class BarOutput implements ProgressBarConsumer {
    /** The classic terminal width, less one column so that a full line never wraps. */
    private static final int WIDTH = 79;

    private final PrintWriter err;

    private BarOutput(PrintWriter err) {
        this.err = err;
    }

    /** A new ASCII progress bar named {@code task} over {@code total} steps, drawn on {@code err}. */
    public static ProgressBar bar(PrintWriter err, String task, long total, int updateMillis) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(updateMillis).setConsumer(new BarOutput(err)).build();
    }

    @Override
    public int getMaxRenderedLength() {
        return WIDTH;
    }

    @Override
    public void accept(String rendered) {
        err.print('\r');
        err.print(rendered.length() > WIDTH ? rendered.substring(0, WIDTH) : rendered);
        err.flush();
    }

    @Override
    public void close() {
        err.println();
        err.flush();
    }
}
