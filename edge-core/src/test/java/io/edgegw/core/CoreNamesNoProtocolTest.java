package io.edgegw.core;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layering, by a plain scan of edge-core's main sources: the core names no protocol's types. A connector's
 * configuration reaches it only as opaque extensions (io.edgegw.core.config.ConfigSection), so no SIP type, no SIP
 * package and no SIP stack is named in code (comments and strings aside).
 */
class CoreNamesNoProtocolTest {
    private static final Path MAIN = Path.of("src/main/java");
    /** A type or package of the SIP side: io.edgegw.sip..., javax.sip..., or any identifier Sip*. */
    private static final Pattern SIP = Pattern.compile("\\bio\\.edgegw\\.sip\\w*\\b|\\bjavax\\.sip\\b|\\bSip[A-Z]\\w*");

    @Test
    void edgeCoresMainCodeNamesNoSipTypeOrPackage() throws IOException {
        assertTrue(Files.isDirectory(MAIN.resolve("io/edgegw/core")), "run from edge-core: " + MAIN.toAbsolutePath());
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String code = codeOnly(Files.readString(f));
                Matcher m = SIP.matcher(code);
                while (m.find()) {
                    found.add(MAIN.relativize(f) + ": " + m.group());
                }
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void theScanSeesANameInCodeButNotInCommentsOrStrings() {
        String code = codeOnly("/** SipConfig */ // SipTrunkConfig\nString s = \"SipAuthConfig\"; SipConfig c;");
        Matcher m = SIP.matcher(code);
        assertTrue(m.find());
        assertEquals("SipConfig", m.group());
        assertTrue(!m.find(), code);
    }

    /** The source with comments and string and character literals blanked out. */
    static String codeOnly(String src) {
        return src.replaceAll("(?s)/\\*.*?\\*/", " ")
                .replaceAll("(?s)\"\"\".*?\"\"\"", "\"\"")
                .replaceAll("//[^\\n]*", " ")
                .replaceAll("\"(\\\\.|[^\"\\\\\\n])*\"", "\"\"")
                .replaceAll("'(\\\\.|[^'\\\\\\n])'", "' '");
    }
}
