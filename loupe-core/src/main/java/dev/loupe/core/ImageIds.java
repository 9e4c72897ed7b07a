package dev.loupe.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Stable image ids: the first 64 bits of SHA-256 of the absolute path, as 16 hex digits. */
public final class ImageIds {
    private ImageIds() {
    }

    public static String forPath(String absolutePath) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(absolutePath.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean looksLikeId(String s) {
        return s.length() == 16 && s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
