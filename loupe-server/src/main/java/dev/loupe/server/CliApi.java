package dev.loupe.server;

import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/cli}: the launcher's fast path. The body is NUL-terminated UTF-8 fields — the caller's working
 * folder, the number of environment entries, that many {@code LOUPE_X=value} entries, then the arguments — because
 * a shell writes that with {@code printf '%s\0'} and no JSON quoting. The request must carry this server's secret
 * ({@code X-Loupe-Cli}; written only to the owner-readable run file), since a command may read any file the server
 * can. The answer is the command's stdout as the body, its exit code in {@code X-Loupe-Exit} and its stderr in
 * {@code X-Loupe-Stderr} (Base64); 409 when the server does not run this command line (the launcher runs it itself).
 */
final class CliApi {
    static final String SECRET_HEADER = "X-Loupe-Cli";
    static final int MAX_BODY = 64 * 1024;

    private final CommandRunner runner;
    private final byte[] secret;

    CliApi(CommandRunner runner) {
        this.runner = runner;
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        this.secret = HexFormat.of().formatHex(b).getBytes(StandardCharsets.US_ASCII);
    }

    String secret() {
        return new String(secret, StandardCharsets.US_ASCII);
    }

    void run(Context ctx) {
        String given = ctx.header(SECRET_HEADER);
        if (given == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.US_ASCII))) {
            throw new ApiException(403, "POST /api/cli needs the " + SECRET_HEADER + " header from this server's run "
                    + "file; it is for the loupe launcher");
        }
        byte[] body = ctx.bodyAsBytes();
        if (body.length > MAX_BODY) {
            throw new ApiException(413, "command line too long: " + body.length + " bytes, at most " + MAX_BODY);
        }
        CommandRunner.Outcome o = runner.run(parse(body));
        if (o.notServed() != null) {
            throw new ApiException(409, o.notServed());
        }
        ctx.header("X-Loupe-Exit", Integer.toString(o.exit()));
        ctx.header("X-Loupe-Stderr", Base64.getEncoder().encodeToString(o.err().getBytes(StandardCharsets.UTF_8)));
        ctx.contentType("text/plain; charset=utf-8").result(o.out().getBytes(StandardCharsets.UTF_8));
    }

    /** The fields of a body (see the class comment); 400 naming what is wrong. */
    static CommandRunner.Request parse(byte[] body) {
        List<String> fields = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < body.length; i++) {
            if (body[i] == 0) {
                fields.add(new String(body, from, i - from, StandardCharsets.UTF_8));
                from = i + 1;
            }
        }
        if (from != body.length || fields.size() < 2) {
            throw new ApiException(400, "the body must be NUL-terminated fields: working folder, count of LOUPE_ "
                    + "variables, the variables, the arguments");
        }
        Path cwd;
        try {
            cwd = Path.of(fields.get(0));
        } catch (InvalidPathException e) {
            throw new ApiException(400, "the working folder is not a path: " + e.getMessage());
        }
        if (!cwd.isAbsolute()) {
            throw new ApiException(400, "the working folder must be absolute, got '" + fields.get(0) + "'");
        }
        int n;
        try {
            n = Integer.parseInt(fields.get(1));
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0 || 2 + n > fields.size()) {
            throw new ApiException(400, "the count of LOUPE_ variables is wrong: '" + fields.get(1) + "'");
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (String e : fields.subList(2, 2 + n)) {
            int eq = e.indexOf('=');
            if (eq <= 0 || !e.startsWith("LOUPE_")) {
                throw new ApiException(400, "not a LOUPE_ variable: '" + ServedFiles.abbreviate(e) + "'");
            }
            env.put(e.substring(0, eq), e.substring(eq + 1));
        }
        return new CommandRunner.Request(cwd, env, fields.subList(2 + n, fields.size()));
    }
}
