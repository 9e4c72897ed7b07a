package dev.loupe.server;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code cursor}/{@code next} of a paged search: where the next page starts, and a fingerprint of the
 * query it belongs to, so that a cursor used with a changed query is refused instead of paging through something
 * else.
 */
record Cursor(int offset, String fingerprint) {

    String encode() {
        String plain = "v1:" + offset + ":" + fingerprint;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    static Cursor decode(String text) {
        String bad = "field 'cursor' is not a cursor of this server; pass the 'next' value of the previous page "
                + "unchanged, or leave the cursor out for the first page";
        if (text.length() > 200) {
            throw ApiException.badRequest(bad);
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(bad);
        }
        String[] parts = plain.split(":", -1);
        if (parts.length != 3 || !parts[0].equals("v1") || !parts[2].matches("[0-9a-f]{16}")) {
            throw ApiException.badRequest(bad);
        }
        try {
            int offset = Integer.parseInt(parts[1]);
            if (offset < 0) {
                throw ApiException.badRequest(bad);
            }
            return new Cursor(offset, parts[2]);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(bad);
        }
    }
}
