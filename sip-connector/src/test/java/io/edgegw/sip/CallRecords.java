package io.edgegw.sip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The CDR lines a gateway wrote under {@code <storage.dir>/cdr}, every day's file. */
final class CallRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CallRecords() {
    }

    static List<JsonNode> read(Path storage) {
        Path dir = storage.resolve("cdr");
        List<JsonNode> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("calls-\\d{4}-\\d{2}-\\d{2}\\.jsonl"))
                    .sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    out.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
