package io.edgegw.deploy;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.tlv.Tlv;
import io.edgegw.core.Gateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Long messages toward carriers, between independent peers (Cloudhopper as tenant ESME and as carrier SMSC): the
 * parts of a concatenated message reach the carrier as the tenant sent them (issue 14).
 */
class LongMessagesToCarriersTest {
    @TempDir
    Path storage;

    @Test
    void sarPartsReachTheCarrierWithTheSarValuesTheTenantSent() throws Exception {
        int port = freePort();
        try (CloudhopperCarrier carrier = new CloudhopperCarrier(port);
             Gateway gateway = GatewayFixture.start(storage, port);
             CloudhopperTenant tenant = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "acme", "acme-pw",
                     SmppBindType.TRANSCEIVER)) {
            for (int seq = 1; seq <= 3; seq++) {
                assertEquals(SmppConstants.STATUS_OK,
                        tenant.submitSarPart("447700900123", "part " + seq, 0xBEEF, 3, seq).getCommandStatus());
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> carrier.submits.size() >= 3);
            List<SubmitSm> parts = carrier.submits.stream()
                    .sorted((a, b) -> Integer.compare(octet(a, SmppConstants.TAG_SAR_SEGMENT_SEQNUM),
                            octet(b, SmppConstants.TAG_SAR_SEGMENT_SEQNUM)))
                    .toList();
            assertEquals(3, parts.size());
            for (int i = 0; i < 3; i++) {
                SubmitSm part = parts.get(i);
                assertEquals(0xBEEF, sarReference(part), "sar_msg_ref_num as sent");
                assertEquals(3, octet(part, SmppConstants.TAG_SAR_TOTAL_SEGMENTS), "sar_total_segments as sent");
                assertEquals(i + 1, octet(part, SmppConstants.TAG_SAR_SEGMENT_SEQNUM), "sar_segment_seqnum as sent");
                assertEquals("part " + (i + 1), new String(part.getShortMessage()));
            }
        }
    }

    static int freePort() throws Exception {
        try (ServerSocket reserve = new ServerSocket(0)) {
            return reserve.getLocalPort();
        }
    }

    static int sarReference(SubmitSm submit) throws Exception {
        Tlv tlv = submit.getOptionalParameter(SmppConstants.TAG_SAR_MSG_REF_NUM);
        assertNotNull(tlv, "sar_msg_ref_num present");
        return tlv.getValueAsUnsignedShort();
    }

    static int octet(SubmitSm submit, short tag) {
        Tlv tlv = submit.getOptionalParameter(tag);
        assertNotNull(tlv, "TLV 0x" + Integer.toHexString(tag) + " present");
        try {
            return tlv.getValueAsUnsignedByte();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
