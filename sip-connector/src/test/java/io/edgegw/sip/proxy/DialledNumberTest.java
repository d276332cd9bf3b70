package io.edgegw.sip.proxy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DialledNumberTest {
    @Test
    void aDialledNumberIsItsDigitsWithoutPlusOrUserParameters() {
        assertEquals("4470000001", Proxy.digits("4470000001"));
        assertEquals("4470000001", Proxy.digits("+4470000001"));
        assertEquals("4470000001", Proxy.digits("+4470000001;npdi"));
    }

    @Test
    void aNameOrNothingIsNoNumber() {
        assertNull(Proxy.digits("alice"));
        assertNull(Proxy.digits("+"));
        assertNull(Proxy.digits(null));
        assertNull(Proxy.digits("44 70"));
    }
}
