/**
 * The {@code loupe} command: one picocli command per job. Commands parse their flags
 * ({@link dev.loupe.engine.SessionFlags} for the session, {@code FilterOptions} for search filters), call the
 * engine's session and print through the writers they are given ({@code Output}); errors become one line on stderr
 * and an exit code ({@code Errors}).
 */
package dev.loupe.cli;
