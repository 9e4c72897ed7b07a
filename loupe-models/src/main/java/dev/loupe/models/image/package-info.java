/**
 * Image decoding for Loupe: the {@code decode} step between finding files and encoding them.
 *
 * <p>Use one shared {@link dev.loupe.models.image.ImageDecoder} (thread-safe):
 * <pre>{@code
 * ImageDecoder decoder = new ImageDecoder(DecodeOptions.defaults().withMaxPixels(maxPixels));
 * DecodedImage d = decoder.decode(path);          // or decoder.decode(uploadBytes, uploadName)
 * BufferedImage rgb = d.image();                  // TYPE_INT_RGB, upright, short side >= 256 (unless smaller)
 * int w = d.width(), h = d.height();              // original size after EXIF orientation
 * long taken = d.takenMillis();                   // EXIF DateTimeOriginal or -1
 * }</pre>
 * Failures are {@link dev.loupe.models.image.ImageDecodeException}s ("file: reason — what to do");
 * {@link dev.loupe.models.image.ImageFiles} says which file names to try.
 *
 * <p>Speed: decoding shrinks while it decodes (ImageIO source subsampling; DCT-domain scaling on the
 * libjpeg-turbo path). On machines with the system library {@code libturbojpeg.so.0} (Debian/Ubuntu package
 * {@code libturbojpeg0}) JPEGs use it through JNA, about 4.5 ms of CPU for a 2-megapixel photo against about
 * 20 ms through the JDK's reader; without it everything still works through ImageIO. On JDK 24+ run with
 * {@code --enable-native-access=ALL-UNNAMED} to silence JNA's native-access warning.
 * {@code DecodeBench} (in the tests) measures all paths.
 *
 * <p>Resampling lives here too: {@link dev.loupe.models.image.PilResampler} resizes exactly as Pillow does
 * (antialiased kernels of {@link dev.loupe.models.image.ResampleFilter}) into an
 * {@link dev.loupe.models.image.RgbImage}; both the builtin model's whole-image view and CLIP's preprocessing use it.
 */
package dev.loupe.models.image;
