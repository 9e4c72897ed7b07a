/**
 * Report folders of the lab's experiments: Markdown tables (mean ± std over seeds, the reproducing command), JSON of
 * every run, and PNG charts drawn with XChart (bar charts, confusion matrices). XChart, and PDFBox behind it, are
 * lab dependencies only.
 */
package dev.loupe.learn.report;
