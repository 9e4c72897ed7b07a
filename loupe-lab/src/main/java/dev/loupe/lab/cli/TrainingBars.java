package dev.loupe.lab.cli;

import dev.loupe.classify.cli.BarOutput;
import dev.loupe.learn.experiment.Monitor;
import dev.loupe.learn.report.RunResult;
import dev.loupe.learn.train.Progress;
import me.tongfei.progressbar.ProgressBar;

import java.io.PrintWriter;
import java.util.Locale;

/** A {@link Monitor} drawing one progress bar per training run on the error writer, showing the current loss. */
final class TrainingBars implements Monitor, AutoCloseable {
    private final PrintWriter err;
    private ProgressBar bar;

    TrainingBars(PrintWriter err) {
        this.err = err;
    }

    @Override
    public Progress begin(String task, int steps) {
        close();
        bar = BarOutput.bar(err, task, steps, 500);
        ProgressBar b = bar;
        return (step, total, loss) -> {
            b.stepTo(step);
            b.setExtraMessage(String.format(Locale.ROOT, "loss %.3f", loss));
        };
    }

    @Override
    public void end(RunResult result) {
        close();
        err.println(result.label() + " seed " + result.seed() + ": " + result.metrics());
        err.flush();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
