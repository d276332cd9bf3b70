package io.edgegw.core.usage.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegw.core.testing.UsageEvents;
import io.edgegw.core.usage.UsageRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** What the export tests read back: the usage journal with each event's index, and the lines of the day files. */
final class ExportedEvents {
    static final ObjectMapper JSON = new ObjectMapper();

    private ExportedEvents() {
    }

    /** Every event of {@code <dir>/usage} by its event id, in order (read with the gateway stopped). */
    static Map<String, UsageRecord> journal(Path dir) {
        return UsageEvents.byEventId(dir);
    }

    /**
     * Lines of the day files under {@code <dir>/usage-files} that do not parse: a write cut short by a kill -9 (the
     * kernel stops a write to a file between pages for a fatal signal) leaves the start of a line, which the next
     * start ends with a newline (OPERATIONS.md: skip a line that does not parse). {@link #fileLines} skips them.
     */
    static int tornLines(Path dir) throws IOException {
        int[] torn = {0};
        read(dir, new ArrayList<>(), torn);
        return torn[0];
    }

    /**
     * Every line of every day file under {@code <dir>/usage-files}, parsed, file by file in name order; a torn line
     * ({@link #tornLines}) is skipped.
     */
    static List<JsonNode> fileLines(Path dir) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        read(dir, out, new int[1]);
        return out;
    }

    /** The day files' lines that parse into {@code out} (each with its file in {@code _file}), the others counted. */
    private static void read(Path dir, List<JsonNode> out, int[] torn) throws IOException {
        Path files = dir.resolve("usage-files");
        if (!Files.isDirectory(files)) {
            return;
        }
        List<Path> days;
        try (Stream<Path> s = Files.list(files)) {
            days = s.filter(p -> p.getFileName().toString().matches("usage-\\d{4}-\\d{2}-\\d{2}\\.jsonl")).sorted()
                    .toList();
        }
        for (Path f : days) {
            for (String line : Files.readAllLines(f)) {
                if (!line.isEmpty()) {
                    JsonNode n;
                    try {
                        n = JSON.readTree(line);
                    } catch (IOException unparsable) {
                        torn[0]++;
                        continue;
                    }
                    ((com.fasterxml.jackson.databind.node.ObjectNode) n).put("_file", f.getFileName().toString());
                    out.add(n);
                }
            }
        }
    }
}
