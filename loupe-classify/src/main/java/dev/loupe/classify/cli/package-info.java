/** {@code loupe classify train|apply}: parse flags, open the session through the shared session flags, print. */
package dev.loupe.classify.cli;
