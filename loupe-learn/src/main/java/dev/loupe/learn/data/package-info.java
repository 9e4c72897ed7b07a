/**
 * The lab's composed-retrieval datasets: the generated CSS-like scenes ({@link dev.loupe.learn.data.CssGenerator}),
 * the coloured Fashion-MNIST variant ({@link dev.loupe.learn.data.ColoredFashion}, over loupe-datasets'
 * {@link dev.loupe.datasets.FashionMnist} reader, which the product's tests share) and readers of the public
 * Fashion200k and MIT-States layouts. Each builds a {@link dev.loupe.learn.data.ComposeData}: images in an
 * {@link dev.loupe.learn.data.ImageBank}, captions, and (source, text, target) queries.
 */
package dev.loupe.learn.data;
