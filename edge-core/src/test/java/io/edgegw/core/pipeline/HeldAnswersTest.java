package io.edgegw.core.pipeline;

import io.edgegw.core.message.OutboundSubmit;
import io.edgegw.core.message.SmppStatus;
import io.edgegw.core.support.TestAck;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a batch answers reaches the sessions only at its release, and never as accepted when it was not forced. */
class HeldAnswersTest {
    private final JournalListener listener = new JournalListener() {
        @Override
        public void journaled(OutboundSubmit submit) {
        }

        @Override
        public void receipted(String carrierId, String tenantId, String number, boolean delivered) {
        }
    };

    @Test
    void answersWaitForTheReleaseAndABatchNotForcedIsRefusedNotAccepted() {
        HeldAnswers held = new HeldAnswers();
        TestAck tenant = new TestAck();
        TestAck carrier = new TestAck();
        HeldAnswers.Held carrierHeld = new HeldAnswers.Held(carrier, held, SmppStatus.ESME_RX_T_APPN);
        for (int i = 0; i < 100; i++) { // past the initial capacity
            held.accepted(tenant, i, "id" + i, SmppStatus.ESME_RSYSERR);
        }
        held.rejected(tenant, 100, SmppStatus.ESME_RMSGQFUL);
        carrierHeld.accepted(7, null);
        assertTrue(tenant.answers.isEmpty() && carrier.answers.isEmpty(), "nothing before the release");

        held.release(false, listener);
        assertEquals("!" + SmppStatus.ESME_RSYSERR, tenant.answers.get(0));
        assertEquals("!" + SmppStatus.ESME_RSYSERR, tenant.answers.get(99));
        assertEquals("!" + SmppStatus.ESME_RMSGQFUL, tenant.answers.get(100));
        assertEquals("!" + SmppStatus.ESME_RX_T_APPN, carrier.answers.get(7), "the carrier will send it again");

        held.accepted(tenant, 200, "id200", SmppStatus.ESME_RSYSERR);
        carrierHeld.accepted(8, null);
        held.release(true, listener);
        assertEquals("id200", tenant.answers.get(200));
        assertEquals("", carrier.answers.get(8));
        assertEquals(102, tenant.answers.size());
        assertEquals(2, carrier.answers.size());
    }
}
