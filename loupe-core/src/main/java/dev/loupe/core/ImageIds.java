package dev.loupe.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /**
     * What a batched read {@code found}, in the order of the {@code ids} asked for, leaving out those it did not find
     * (the contract of {@link ImageIndex}'s reads of several images).
     */
    public static <V> Map<String, V> inOrder(Collection<String> ids, Map<String, V> found) {
        Map<String, V> out = new LinkedHashMap<>();
        for (String id : ids) {
            V v = found.get(id);
            if (v != null) {
                out.put(id, v);
            }
        }
        return out;
    }
}
