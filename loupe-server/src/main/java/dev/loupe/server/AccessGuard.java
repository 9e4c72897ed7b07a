package dev.loupe.server;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.SameSite;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;

/**
 * Runs before every request:
 * <ul>
 *   <li>security headers on every answer (a strict Content-Security-Policy: the page loads nothing from elsewhere);</li>
 *   <li>on a loopback address, the Host header must name this machine, so that a web site whose name points at
 *       127.0.0.1 (DNS rebinding) cannot read the API;</li>
 *   <li>with a token, every {@code /api/} request must carry it ({@code Authorization: Bearer T} or the cookie that
 *       {@code /?token=T} sets for the page); otherwise 401;</li>
 *   <li>a POST from a page of another origin is refused (403), so other web sites cannot start index runs;</li>
 *   <li>no {@code /api/} answer is given to a request a browser marks as coming from another site
 *       ({@code Sec-Fetch-Site: cross-site} or {@code same-site}, e.g. an {@code <img>} on a page that guesses a
 *       photo's path and so its id), and every answer carries {@code Cross-Origin-Resource-Policy: same-origin},
 *       so browsers that do not send the header still refuse to show it on another site.</li>
 * </ul>
 */
final class AccessGuard {
    static final String COOKIE = "loupe_token";
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]", "::1");
    static final String CSP = "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; "
            + "connect-src 'self'; font-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private final byte[] token;
    private final boolean loopback;

    AccessGuard(ServerConfig config) {
        this.token = config.token() == null ? null : config.token().strip().getBytes(StandardCharsets.UTF_8);
        this.loopback = ServerConfig.isLoopback(config.bind());
    }

    void before(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cross-Origin-Resource-Policy", "same-origin");
        if (loopback && !LOOPBACK_HOSTS.contains(hostName(ctx.header("Host")))) {
            throw new ApiException(403, "this server answers only to 127.0.0.1 or localhost; open http://127.0.0.1:"
                    + ctx.req().getLocalPort() + "/"); // the port it listens on, not the one the Host header names
        }
        String path = ctx.path();
        if (token != null && ctx.method() == HandlerType.GET && path.equals("/") && ctx.queryParam("token") != null) {
            if (!matches(ctx.queryParam("token"))) {
                throw new ApiException(401, "wrong token in the address; use the address 'loupe serve' printed");
            }
            ctx.cookie(new Cookie(COOKIE, ctx.queryParam("token"), "/", -1, false, 0, true, null, null, SameSite.STRICT));
            ctx.redirect("/");
            ctx.skipRemainingHandlers();
            return;
        }
        if (!path.startsWith("/api/")) {
            return;
        }
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            throw new ApiException(403, "requests from other web sites (Sec-Fetch-Site: "
                    + ServedFiles.abbreviate(site) + ") are refused; open the page this server serves");
        }
        if (token != null && !authorised(ctx)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"loupe\"");
            throw new ApiException(401, "this server needs its token: send 'Authorization: Bearer TOKEN', or open "
                    + "the address with ?token=TOKEN that 'loupe serve' printed");
        }
        if (ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD && ctx.method() != HandlerType.OPTIONS) {
            String origin = ctx.header("Origin");
            if (origin != null && !origin.equals("http://" + ctx.header("Host"))
                    && !origin.equals("https://" + ctx.header("Host"))) {
                throw new ApiException(403, "requests from other web sites (Origin " + ServedFiles.abbreviate(origin)
                        + ") are refused");
            }
        }
    }

    private boolean authorised(Context ctx) {
        String auth = ctx.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && matches(auth.substring(7).strip())) {
            return true;
        }
        String cookie = ctx.cookie(COOKIE);
        return cookie != null && matches(cookie);
    }

    private boolean matches(String candidate) {
        return MessageDigest.isEqual(token, candidate.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** The host part of a Host header, lower case, without the port ("[::1]:8080" gives "[::1]"). */
    static String hostName(String host) {
        if (host == null) {
            return "";
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }
}
