package io.edgegw.core.route;

import io.edgegw.core.config.RouteConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RouteTableTest {
    @Test
    void theLongestMatchingPrefixWins() {
        RouteTable t = new RouteTable(List.of(new RouteConfig("44", List.of("a")), new RouteConfig("447", List.of("b")),
                new RouteConfig("", List.of("c"))));
        assertEquals(List.of("b"), t.lookup("447700900123"));
        assertEquals(List.of("a"), t.lookup("+441632960000"));
        assertEquals(List.of("c"), t.lookup("33123"));
        assertEquals(List.of("c"), t.lookup(""));
    }

    @Test
    void withoutACatchAllAnUnmatchedNumberHasNoRoute() {
        RouteTable t = new RouteTable(List.of(new RouteConfig("1", List.of("a"))));
        assertNull(t.lookup("2025550100"));
        assertEquals(List.of("a"), t.lookup("12025550100"));
    }
}
