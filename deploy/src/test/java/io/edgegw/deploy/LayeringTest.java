package io.edgegw.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The arrows between modules (docs: "Modules" in the design), checked on every module's main sources from here, the
 * one module that sees them all: the core names no connector, the simulator no gateway code (sip-stack, the shared SIP
 * module, is allowed), and the two connectors not each other. A plain scan of the sources rather than ArchUnit on the
 * bytecode: a module is its directory (no guessing modules from package names), a name counts wherever it appears in
 * code, fully qualified or in a string (Class.forName) as much as in an import, and no new dependency. Comments may
 * mention anything. The poms are checked for the same edges, so a test-scope dependency cannot sneak one in.
 */
class LayeringTest {
    private static final Path ROOT = Path.of("..");

    private record Rule(String module, Pattern forbidden, String why) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule("edge-core", Pattern.compile("\\bio\\.edgegw\\.(smpp|sip\\w*|simulator|deploy)\\b"),
                    "the core names no connector (connectors plug in through the SPI)"),
            new Rule("carrier-simulator", Pattern.compile("\\bio\\.edgegw\\.(core|smpp|sip|deploy)\\b"),
                    "the simulator is an independent peer: over the wire only (io.edgegw.sipstack allowed)"),
            new Rule("smpp-connector", Pattern.compile("\\bio\\.edgegw\\.(sip\\w*|simulator|deploy)\\b"),
                    "the SMPP connector does not know the SIP side"),
            new Rule("sip-connector", Pattern.compile("\\bio\\.edgegw\\.(smpp|simulator|deploy)\\b"),
                    "the SIP connector does not know the SMPP side"));

    /** Module -> io.edgegw artifacts its pom must not depend on (in any scope). */
    private static final List<List<String>> POM_RULES = List.of(
            List.of("edge-core", "smpp-connector", "sip-connector", "sip-stack", "carrier-simulator", "deploy"),
            List.of("carrier-simulator", "edge-core", "smpp-connector", "sip-connector", "deploy"),
            List.of("smpp-connector", "sip-connector", "sip-stack", "carrier-simulator", "deploy"),
            List.of("sip-connector", "smpp-connector", "carrier-simulator", "deploy"));

    @Test
    void noModuleNamesCodeItMustNotDependOn() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Rule rule : RULES) {
            Path main = ROOT.resolve(rule.module()).resolve("src/main/java");
            List<Path> sources = javaFiles(main);
            assertFalse(sources.isEmpty(), "no sources under " + main.toAbsolutePath() + ": run from deploy/");
            for (Path file : sources) {
                violations.addAll(violations(Files.readString(file), rule.forbidden(),
                        ROOT.relativize(file) + " (" + rule.why() + ")"));
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void noPomDependsOnAModuleItMustNotKnow() throws IOException {
        List<String> violations = new ArrayList<>();
        for (List<String> rule : POM_RULES) {
            String pom = codeOfPom(Files.readString(ROOT.resolve(rule.get(0)).resolve("pom.xml")));
            for (String artifact : rule.subList(1, rule.size())) {
                if (pom.matches("(?s).*<artifactId>\\s*" + Pattern.quote(artifact) + "\\s*</artifactId>.*")) {
                    violations.add(rule.get(0) + "/pom.xml depends on " + artifact);
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void theScanFindsANameInCodeAndInStringsButNotInComments() {
        Pattern core = RULES.get(1).forbidden();
        String source = """
                package io.edgegw.simulator.x;
                import io.edgegw.sipstack.SipMessage; // fine: the shared SIP module
                /** Unlike io.edgegw.smpp.codec, this ... */
                class A {
                    // io.edgegw.core.Gateway is mentioned here only
                    Object b = io.edgegw.smpp.codec.SmppCodec.class;
                    String c = "io.edgegw.core.Gateway";
                    String d = "/* not a comment */ io.edgegw.sipstack.x";
                }
                """;
        assertEquals(List.of("T:6: io.edgegw.smpp", "T:7: io.edgegw.core"), violations(source, core, "T"));
        assertTrue(violations("import io.edgegw.sip.proxy.Proxy;", core, "T").size() == 1);
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    /** Each match of {@code forbidden} in the code (comments removed, strings kept), as "where:line: match". */
    static List<String> violations(String source, Pattern forbidden, String where) {
        String code = withoutComments(source);
        List<String> found = new ArrayList<>();
        Matcher m = forbidden.matcher(code);
        while (m.find()) {
            long line = code.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            found.add(where + ":" + line + ": " + m.group());
        }
        return found;
    }

    /** Java source with its comments blanked (line breaks kept); string, text block and char literals untouched. */
    static String withoutComments(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (src.startsWith("//", i)) {
                while (i < src.length() && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                end = end < 0 ? src.length() : end + 2;
                src.substring(i, end).chars().filter(ch -> ch == '\n').forEach(ch -> out.append('\n'));
                i = end;
            } else if (src.startsWith("\"\"\"", i)) {
                int end = src.indexOf("\"\"\"", i + 3);
                end = end < 0 ? src.length() : end + 3;
                out.append(src, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < src.length() && src.charAt(end) != c && src.charAt(end) != '\n') {
                    end += src.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(src.length(), end + 1);
                out.append(src, i, end);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The pom without its XML comments. */
    private static String codeOfPom(String pom) {
        return pom.replaceAll("(?s)<!--.*?-->", " ");
    }
}
