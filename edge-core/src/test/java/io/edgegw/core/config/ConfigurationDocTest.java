package io.edgegw.core.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/CONFIGURATION.md tells the truth about the loader: its complete example is the tested one, and it names every field. */
class ConfigurationDocTest {
    private static final Pattern KNOWN = Pattern.compile("unknown field \\(known: ([^)]*)\\)");

    /** Each section of the core's config with an unknown field in it, so the loader's refusal lists the known ones. */
    private static final List<String> PROBES = List.of(
            "zzUnknown: 1\n",
            "smpp: {zzUnknown: 1}\n",
            "smpp: {bindGuard: {zzUnknown: 1}}\n",
            "smpp: {tls: {zzUnknown: 1}}\n",
            "smpp: {proxyProtocol: {zzUnknown: 1}}\n",
            "admin: {zzUnknown: 1}\n",
            "storage: {zzUnknown: 1}\n",
            "pipeline: {zzUnknown: 1}\n",
            "shutdown: {zzUnknown: 1}\n",
            "cluster: {zzUnknown: 1}\n",
            "usage: {zzUnknown: 1}\n",
            "usage: {files: {zzUnknown: 1}}\n",
            "usage: {kafka: {zzUnknown: 1}}\n",
            "cluster: {zzUnknown: 1}\n",
            "cluster: {redis: {zzUnknown: 1}}\n",
            "messageLimits: {zzUnknown: 1}\n",
            "quality: {zzUnknown: 1}\n",
            "tenants: [{zzUnknown: 1}]\n",
            "tenants: [{id: a, systemId: s, password: p, senders: {zzUnknown: 1}}]\n",
            "tenants: [{id: a, systemId: s, password: p, senders: {allow: [{zzUnknown: 1}]}}]\n",
            "tenants: [{id: a, systemId: s, password: p, destinations: {zzUnknown: 1}}]\n",
            "carriers: [{zzUnknown: 1}]\n",
            "carriers: [{id: a, systemId: s, password: p, endpoints: [{host: h, port: 1, zzUnknown: 1}]}]\n",
            "carriers: [{id: a, systemId: s, password: p, tls: {zzUnknown: 1}, endpoints: [{host: h, port: 1}]}]\n",
            "routes: [{zzUnknown: 1}]\n",
            "carriers: [{id: a, systemId: s, password: p, endpoints: [{host: h, port: 1}]}]\n"
                    + "routes: [{prefix: '1', carriers: [{id: a, zzUnknown: 1}]}]\n");

    private static String doc() throws IOException {
        Path doc = Stream.of(Path.of("..", "docs", "CONFIGURATION.md"), Path.of("docs", "CONFIGURATION.md"))
                .filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new IllegalStateException("docs/CONFIGURATION.md not found"));
        return Files.readString(doc);
    }

    @Test
    void theCompleteExampleIsTheFileTheLoaderTestParses() throws IOException {
        String text = doc();
        int section = text.indexOf("\n## Complete example");
        assertTrue(section > 0, "no 'Complete example' section");
        int from = text.indexOf("```yaml\n", section) + "```yaml\n".length();
        String shown = text.substring(from, text.indexOf("```", from));
        String file;
        try (InputStream in = getClass().getResourceAsStream("/full-example.yaml")) {
            file = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String withoutComment = file.substring(file.indexOf('\n') + 1); // its first line says where it is documented
        assertEquals(withoutComment, shown);
    }

    @Test
    void everyFieldTheLoaderKnowsIsNamedInTheDoc() throws IOException {
        String text = doc();
        List<String> undocumented = new ArrayList<>();
        int fields = 0;
        for (String probe : PROBES) {
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(probe), probe);
            Matcher m = KNOWN.matcher(e.getMessage());
            assertTrue(m.find(), "no list of known fields for " + probe + ": " + e.getMessage());
            for (String field : m.group(1).split(",\\s*")) {
                fields++;
                if (!text.contains("`" + field + "`")) {
                    undocumented.add(e.getMessage().substring(0, e.getMessage().indexOf(':')) + " -> " + field);
                }
            }
        }
        assertTrue(fields > 60, "only " + fields + " fields seen: are the probes still reaching the sections?");
        assertTrue(undocumented.isEmpty(), "fields the loader takes but docs/CONFIGURATION.md never names: "
                + undocumented);
    }
}
