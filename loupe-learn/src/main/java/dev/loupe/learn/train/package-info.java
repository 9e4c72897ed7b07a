/**
 * Training on the CPU with DJL's PyTorch engine, offline ({@link dev.loupe.learn.train.Torch}): composers
 * ({@link dev.loupe.learn.train.ComposeTrainer}), a visual-semantic embedding
 * ({@link dev.loupe.learn.train.VseTrainer}),
 * DeViSE projections ({@link dev.loupe.learn.train.DeviseTrainer}), composer heads on frozen encoders
 * ({@link dev.loupe.learn.train.HeadTrainer}) and the garment encoder behind the classification benchmark's learned
 * features ({@link dev.loupe.learn.train.GarmentEncoderTrainer}). Results are saved as composer files that the
 * engine reads without DJL.
 */
package dev.loupe.learn.train;
