package dev.loupe.learn.experiment;

import dev.loupe.learn.report.RunResult;
import dev.loupe.learn.train.Progress;

/** Observes an experiment: one progress sink per run, told when the run ends. */
public interface Monitor {
    Monitor SILENT = new Monitor() {
        @Override
        public Progress begin(String task, int steps) {
            return Progress.NONE;
        }

        @Override
        public void end(RunResult result) {
        }
    };

    Progress begin(String task, int steps);

    void end(RunResult result);
}
