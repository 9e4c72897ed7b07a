/**
 * The {@code loupe-lab} command ({@code bin/loupe-lab}): {@code train} (one composer or DeViSE projection),
 * {@code eval} (methods over seeds, with a report folder) and {@code eval classify} (the Fashion-MNIST
 * classification benchmark). Commands parse, call loupe-learn or {@link dev.loupe.lab.classify}, and print through
 * the writers picocli gives them (results on out, progress and errors on err); only {@link dev.loupe.lab.cli.Main}
 * exits the JVM.
 *
 * <p><b>Why a module and a launcher of its own.</b> Training needs PyTorch's natives (a ~110 MB jar) and reports
 * need XChart and PDFBox; none of that belongs in an install of the search engine. So the lab is a separate program:
 * loupe-lab depends on the product (engine, classify) and on loupe-learn, and nothing in the product depends on it.
 * A plugin mechanism (the product discovering lab commands on its class path) was not chosen: it would still need a
 * second lib folder to keep PyTorch out of the product's, and it would hide from the reader which commands a
 * {@code loupe} install has. loupe-learn stays a library of its own (datasets, networks, training, metrics, reports)
 * that needs only loupe-core, so it is built and tested without the engine; this module is where the lab meets the
 * product.
 */
package dev.loupe.lab.cli;
