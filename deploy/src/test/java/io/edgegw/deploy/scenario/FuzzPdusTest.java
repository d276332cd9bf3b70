package io.edgegw.deploy.scenario;

import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FuzzPdusTest {
    private static final int MAX = 65_536;

    @Test
    void theSameSeedSendsTheSameBytes() {
        FuzzPdus a = new FuzzPdus(42, MAX);
        FuzzPdus b = new FuzzPdus(42, MAX);
        for (int i = 0; i < 1_000; i++) {
            assertArrayEquals(a.inFrame("f", "p"), b.inFrame("f", "p"));
            assertArrayEquals(a.badFrame(), b.badFrame());
            assertArrayEquals(a.badBind("decoy"), b.badBind("decoy"));
        }
    }

    @Test
    void aBadFramesCommandLengthIsOutOfBoundsOrNotItsOwn() {
        FuzzPdus pdus = new FuzzPdus(7, MAX);
        for (int i = 0; i < 1_000; i++) {
            byte[] pdu = pdus.badFrame();
            long length = Integer.toUnsignedLong(ByteBuffer.wrap(pdu).getInt(0));
            assertTrue(length < 16 || length > MAX || length != pdu.length, "command_length " + length + " of "
                    + pdu.length + " bytes");
        }
    }

    @Test
    void inFramePdusKeepTheirFrame() {
        FuzzPdus pdus = new FuzzPdus(9, MAX);
        int kept = 0;
        for (int i = 0; i < 1_000; i++) {
            byte[] pdu = pdus.inFrame("f", "p");
            kept += ByteBuffer.wrap(pdu).getInt(0) == pdu.length ? 1 : 0;
        }
        assertTrue(kept > 980, kept + " of 1000 kept their command_length (a rare mutation may change it)");
    }

    @Test
    void aBindIsWellFormed() {
        byte[] bind = new FuzzPdus(1, MAX).bind(SMPPConstant.CID_BIND_TRANSCEIVER, "acme", "pw");
        ByteBuffer b = ByteBuffer.wrap(bind);
        assertEquals(bind.length, b.getInt(0));
        assertEquals(SMPPConstant.CID_BIND_TRANSCEIVER, b.getInt(4));
        assertEquals("acme\0pw\0fuzz\0", new String(bind, 16, 13, java.nio.charset.StandardCharsets.US_ASCII));
    }
}
