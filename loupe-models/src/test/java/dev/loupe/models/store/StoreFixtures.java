package dev.loupe.models.store;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** Test data for the model store tests. */
final class StoreFixtures {
    private StoreFixtures() {
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] out = new byte[size];
        new Random(seed).nextBytes(out);
        return out;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ModelFile descriptor(String name, byte[] content, URI upstream) {
        return new ModelFile(name, upstream, sha256(content), content.length, "test-only");
    }

    /** A loopback URL on which nothing listens (a port that was free a moment ago). */
    static URI deadUrl(String path) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Records progress calls. */
    static final class Progress implements ProgressListener {
        final List<long[]> calls = new ArrayList<>();

        @Override
        public void onProgress(String fileName, long bytesDone, long bytesTotal) {
            calls.add(new long[]{bytesDone, bytesTotal});
        }

        long[] last() {
            return calls.get(calls.size() - 1);
        }
    }
}
