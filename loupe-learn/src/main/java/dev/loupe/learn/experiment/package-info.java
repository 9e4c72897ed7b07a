/**
 * Experiments as the lab runs them: a dataset by name and size preset ({@link dev.loupe.learn.experiment.Datasets},
 * {@link dev.loupe.learn.experiment.Scale}), several methods over several seeds
 * ({@link dev.loupe.learn.experiment.Experiments}), observed through a {@link dev.loupe.learn.experiment.Monitor}
 * (the lab's command line draws progress bars with it).
 */
package dev.loupe.learn.experiment;
