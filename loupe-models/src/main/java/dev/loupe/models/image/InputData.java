package dev.loupe.models.image;

import com.twelvemonkeys.imageio.stream.BufferedFileImageInputStream;
import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The encoded bytes of one image: in memory (uploads, ordinary files) or, for huge files, on disk. */
sealed interface InputData {

    /** Random-access stream for ImageIO readers. */
    javax.imageio.stream.ImageInputStream imageStream() throws IOException;

    /** Plain stream for metadata-extractor. */
    InputStream stream() throws IOException;

    long length();

    /** The whole file in memory, or null if it is only on disk. */
    byte[] bytesOrNull();

    /** Up to n first bytes (for format sniffing). */
    byte[] head(int n) throws IOException;

    record InMemory(byte[] data) implements InputData {
        @Override
        public javax.imageio.stream.ImageInputStream imageStream() {
            return new ByteArrayImageInputStream(data);
        }

        @Override
        public InputStream stream() {
            return new ByteArrayInputStream(data);
        }

        @Override
        public long length() {
            return data.length;
        }

        @Override
        public byte[] bytesOrNull() {
            return data;
        }

        @Override
        public byte[] head(int n) {
            return Arrays.copyOf(data, Math.min(n, data.length));
        }
    }

    record OnDisk(Path path, long length) implements InputData {
        @Override
        public javax.imageio.stream.ImageInputStream imageStream() throws IOException {
            return new BufferedFileImageInputStream(path.toFile());
        }

        @Override
        public InputStream stream() throws IOException {
            return new BufferedInputStream(Files.newInputStream(path), 64 * 1024);
        }

        @Override
        public byte[] bytesOrNull() {
            return null;
        }

        @Override
        public byte[] head(int n) throws IOException {
            try (InputStream in = Files.newInputStream(path)) {
                return in.readNBytes(n);
            }
        }
    }
}
