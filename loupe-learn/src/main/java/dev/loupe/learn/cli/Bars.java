package dev.loupe.learn.cli;

import dev.loupe.learn.experiment.Monitor;
import dev.loupe.learn.report.RunResult;
import dev.loupe.learn.train.Progress;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A {@link Monitor} drawing one progress bar per run on stderr, showing the current loss. */
final class Bars implements Monitor {
    private ProgressBar bar;

    @Override
    public Progress begin(String task, int steps) {
        closeBar();
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(steps).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500).setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        ProgressBar b = bar;
        return (step, total, loss) -> {
            b.stepTo(step);
            b.setExtraMessage(String.format(Locale.ROOT, "loss %.3f", loss));
        };
    }

    @Override
    public void end(RunResult result) {
        closeBar();
        System.err.println(result.label() + " seed " + result.seed() + ": " + result.metrics());
    }

    void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
