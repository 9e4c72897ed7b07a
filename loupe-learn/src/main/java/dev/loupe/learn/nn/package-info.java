/**
 * Networks written on DJL's NDArray/autograd API: the image CNNs, the text LSTM, the composers (TIRG and the
 * baselines) and their losses, with parameters as named NDArrays so that they are saved under exactly the names a
 * composer file stores, and a hand-written Adam.
 */
package dev.loupe.learn.nn;
