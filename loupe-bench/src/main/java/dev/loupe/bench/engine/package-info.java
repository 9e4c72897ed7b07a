/** End-to-end latency through the engine's one search API on a product index of drawn images. */
package dev.loupe.bench.engine;
