package io.edgegw.simulator.smsc;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code simulator fault}: shows or changes the faults of a running simulator through its admin endpoint. */
@Command(name = "fault", mixinStandardHelpOptions = true,
        description = {"Show or change the faults of a running simulator (started with --admin-port).",
                "No arguments: show them. 'clear': back to the configured behaviour. Otherwise key=value pairs: "
                        + FaultAdmin.KEYS + " (see the carrier-simulator README)."})
public final class FaultCommand implements Callable<Integer> {
    @Option(names = "--admin", required = true, description = "The simulator's admin address, e.g. http://127.0.0.1:8776")
    URI admin;
    @Parameters(arity = "0..*", paramLabel = "CHANGE", description = "clear, or key=value (e.g. silent=on errors=ESME_RSYSERR=50 drop=now)")
    List<String> changes = new ArrayList<>();

    /** The request this command sends: GET /faults, POST /faults/clear or POST /faults with a form body. */
    HttpRequest request() {
        URI base = URI.create(admin.toString().replaceAll("/+$", ""));
        HttpRequest.Builder builder = HttpRequest.newBuilder().timeout(Duration.ofSeconds(10));
        if (changes.isEmpty()) {
            return builder.uri(URI.create(base + "/faults")).GET().build();
        }
        if (changes.size() == 1 && changes.get(0).equals("clear")) {
            return builder.uri(URI.create(base + "/faults/clear")).POST(HttpRequest.BodyPublishers.noBody()).build();
        }
        List<String> pairs = new ArrayList<>();
        for (String change : changes) {
            int eq = change.indexOf('=');
            String key = eq < 0 ? change : change.substring(0, eq);
            String value = eq < 0 ? "" : change.substring(eq + 1);
            pairs.add(encode(key) + (eq < 0 ? "" : "=" + encode(value)));
        }
        return builder.uri(URI.create(base + "/faults"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs))).build();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(request(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
            System.out.print(response.body());
            return 0;
        }
        System.err.print("HTTP " + response.statusCode() + ": " + response.body());
        return 1;
    }
}
