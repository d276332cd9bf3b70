package io.edgegw.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code edge status}: a running gateway's binds, carriers and tenants from its operator API, as tables; with SIP on
 * (it serves {@code /api/sip}; 404 means SIP is off), its trunks and tenants' calls too. Exit 0 when
 * the gateway answered, 1 with one line on stderr when it cannot be reached or refuses the token.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show a running gateway's binds, carriers, tenants and SIP trunks (from its operator API).")
final class StatusCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLEAR_SCREEN = "\u001b[H\u001b[2J";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    static final String TOKEN_ENV = "EDGE_ADMIN_TOKEN";

    @Option(names = "--admin", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL",
            description = "the gateway's admin HTTP address (default ${DEFAULT-VALUE})")
    String admin;
    @Option(names = "--token", paramLabel = "T", description = "admin.token of the gateway (default: env " + TOKEN_ENV + ")")
    String token;
    @Option(names = "--watch", defaultValue = "0", paramLabel = "SECONDS",
            description = "redraw every SECONDS until interrupted (default: show once)")
    int watchSeconds;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final boolean terminal;

    StatusCommand() {
        this(System.out, System.err, System.getenv(), System.console() != null);
    }

    /** {@code terminal}: stdout is a terminal, so states may be coloured (unless NO_COLOR is set) and watch clears it. */
    StatusCommand(PrintStream out, PrintStream err, Map<String, String> env, boolean terminal) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        String bearer = token != null ? token : env.getOrDefault(TOKEN_ENV, "");
        URI uri;
        try {
            uri = URI.create(admin.replaceAll("/+$", "") + "/api/status");
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            err.println("edge status: --admin must be an http:// address like http://127.0.0.1:8080 (was '" + admin + "')");
            return 1;
        }
        StatusTables tables = new StatusTables(terminal && !env.containsKey("NO_COLOR"));
        URI sipUri = uri.resolve("sip"); // beside /api/status, under any path prefix of --admin
        HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        while (true) {
            JsonNode status;
            JsonNode sip;
            try {
                status = fetch(http, uri, bearer, false);
                sip = fetch(http, sipUri, bearer, true);
            } catch (NoStatus e) {
                err.println("edge status: " + e.getMessage());
                return 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
            if (watchSeconds > 0 && terminal) {
                out.print(CLEAR_SCREEN);
            }
            long now = System.currentTimeMillis();
            out.print(tables.render(status, now));
            if (sip != null) {
                out.print("\n" + tables.renderSip(sip, now));
            }
            out.flush();
            if (watchSeconds <= 0) {
                return 0;
            }
            try {
                Thread.sleep(watchSeconds * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
            out.println();
        }
    }

    /** The view at {@code uri}; with {@code optional}, null when the gateway answers 404 (it has no such view). */
    private JsonNode fetch(HttpClient http, URI uri, String bearer, boolean optional) throws NoStatus, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET();
        if (!bearer.isEmpty()) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new NoStatus("cannot reach the gateway's admin API at " + admin + " (" + reason(e) + ")");
        }
        int code = response.statusCode();
        if (code == 401 || code == 403) {
            throw new NoStatus(bearer.isEmpty()
                    ? "the gateway at " + admin + " needs its admin token (" + code + "): pass --token or set " + TOKEN_ENV
                    : "the gateway at " + admin + " refused the admin token (" + code + "): it is wrong for this gateway");
        }
        if (code == 404 && optional) {
            return null;
        }
        if (code != 200) {
            throw new NoStatus("GET " + uri + " answered " + code);
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new NoStatus("GET " + uri + " did not answer JSON (is " + admin + " an edge gateway's admin port?)");
        }
    }

    /** Why a request to the admin API got no answer, in the operator's words (also for `edge usage`). */
    static String reason(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        String name = e.getClass().getSimpleName();
        return e.getMessage() == null ? name : name + ": " + e.getMessage();
    }

    /** Why no status could be shown, as the one line the operator sees. */
    private static final class NoStatus extends Exception {
        NoStatus(String message) {
            super(message);
        }
    }
}
