package dev.loupe.cli;

import dev.loupe.engine.LibraryWatcher;
import dev.loupe.engine.OptionRanges;
import picocli.CommandLine.Option;

import java.time.Duration;

/** How a watched library is kept in step ({@code index --watch}, {@code serve --watch}). */
final class WatchOptions {
    @Option(names = "--debounce-ms", paramLabel = "MS", description = "With --watch: sync once the folders have been "
            + "quiet this long, 100 to 600000 (default: ${DEFAULT-VALUE}).")
    int debounceMs = (int) LibraryWatcher.Settings.defaults().quiet().toMillis();

    @Option(names = "--rescan-minutes", paramLabel = "MIN", description = "With --watch: re-scan every watched folder "
            + "in full this often, whatever the file system reported, 1 to 10080 (default: ${DEFAULT-VALUE}; lower "
            + "it for network drives, which report no changes).")
    int rescanMinutes = (int) LibraryWatcher.Settings.defaults().rescanEvery().toMinutes();

    LibraryWatcher.Settings settings() {
        return new LibraryWatcher.Settings(
                Duration.ofMillis(OptionRanges.between("--debounce-ms", debounceMs, 100, 600_000)),
                Duration.ofMinutes(OptionRanges.between("--rescan-minutes", rescanMinutes, 1, 10_080)),
                LibraryWatcher.Settings.defaults().offlinePoll());
    }
}
