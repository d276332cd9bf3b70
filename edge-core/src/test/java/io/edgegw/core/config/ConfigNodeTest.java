package io.edgegw.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConfigNodeTest {
    private static ConfigNode node(String yaml) {
        try {
            JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(yaml);
            return new ConfigNode(tree, "", SecretResolver.of(Map.of("EDGE_X", "from-the-environment")));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String refused(Runnable read) {
        return assertThrows(ConfigException.class, read::run).getMessage();
    }

    @Test
    void anErrorDeepInListsNamesTheWholePath() {
        String yaml = "carriers:\n  - {id: a, systemId: s, password: p, endpoints: [{host: h, port: 1}]}\n"
                + "  - {id: b, systemId: s, password: p, endpoints: [{host: h, port: 0}]}\n";
        assertEquals("carriers[1].endpoints[0].port: must be 1-65535 (was 0)",
                assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml)).getMessage());
        ConfigNode deep = node("a: [{b: [x, {c: 1}]}]").list("a").get(0).list("b").get(1);
        assertEquals("a[0].b[1].c: must be 2-3 (was 1)", refused(() -> deep.integer("c", 2, 2, 3)));
    }

    @Test
    void typedGettersTakeTheDefaultWhenAbsentAndRefuseWhatIsOutOfRangeOrOfTheWrongType() {
        ConfigNode o = node("{n: 7, t: hi, b: true, r: '0.25', s: '12'}");
        assertEquals(7, o.integer("n", 1, 0, 10));
        assertEquals(12, o.integer("s", 1, 0, 100), "digits in quotes are a number too");
        assertEquals(5, o.integer("absent", 5, 0, 10));
        assertEquals("hi", o.text("t", "x", 1, 2));
        assertEquals(0.25, o.ratio("r", 0));
        assertEquals(true, o.bool("b", false));
        assertEquals("n: must be 0-6 (was 7)", refused(() -> o.integer("n", 1, 0, 6)));
        assertEquals("t: must be an integer (was 'hi')", refused(() -> o.integer("t", 1, 0, 6)));
        assertEquals("b: must be text", refused(() -> o.text("b", "x", 1, 5)));
        assertEquals("t: must be true or false (was 'hi')", refused(() -> o.bool("t", false)));
        assertEquals("absent: is required", refused(() -> o.required("absent", 5)));
        assertNull(o.optionalText("absent", 5));
        assertNull(o.optionalChild("absent"));
    }

    @Test
    void anEnumIsReadByItsYamlNameAndAWrongOneListsTheNames() {
        ConfigNode o = node("{ids: decimal-to-hex, bad: hex, sync: always, auth: optional}");
        assertEquals(ReceiptIds.DECIMAL_TO_HEX, o.choice("ids", ReceiptIds.AS_IS));
        assertEquals(ReceiptIds.AS_IS, o.choice("absent", ReceiptIds.AS_IS));
        assertEquals(TlsClientAuth.OPTIONAL, o.choice("auth", TlsClientAuth.NONE));
        assertEquals("bad: must be one of as-is, decimal-to-hex, hex-to-decimal (was 'hex')",
                refused(() -> o.choice("bad", ReceiptIds.AS_IS)));
        assertEquals("sync: must be none or batch (was 'always')",
                refused(() -> o.choice("sync", StorageConfig.Sync.NONE)));
        assertEquals("sync: must be one of a, b, c (was 'always')", refused(() -> o.oneOf("sync", "a", "a", "b", "c")));
    }

    @Test
    void anUnknownKeyIsRefusedByNameWithTheKnownOnes() {
        ConfigNode o = node("{host: h, prot: 1}");
        assertEquals("prot: unknown field (known: host, port)", refused(() -> o.only("host", "port")));
        ConfigNode child = node("{smpp: {tls: {prot: 1}}}").child("smpp").child("tls");
        assertEquals("smpp.tls.prot: unknown field (known: port)", refused(() -> child.only("port")));
        assertEquals("(top level): must be a mapping", refused(() -> node("[1, 2]").only("a")));
    }

    @Test
    void childrenAndListElementsReadSecretsThroughTheSameResolver() {
        ConfigNode element = node("tenants: [{sipAuth: {password: 'env:EDGE_X'}}]").list("tenants").get(0)
                .child("sipAuth");
        assertEquals("from-the-environment", element.secret("password", null, 1, 256));
        assertEquals("tenants[0].sipAuth.password: environment variable EDGE_Y is not set",
                refused(() -> node("tenants: [{sipAuth: {password: 'env:EDGE_Y'}}]").list("tenants").get(0)
                        .child("sipAuth").secret("password", null, 1, 256)));
    }
}
