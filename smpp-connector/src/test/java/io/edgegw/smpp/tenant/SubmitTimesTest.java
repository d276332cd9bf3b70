package io.edgegw.smpp.tenant;

import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.SubmitSm;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SubmitTimesTest {
    private static final long NOW = Instant.parse("2026-12-07T14:00:00Z").toEpochMilli();

    private static SubmitSm submit(String validity, String schedule) {
        SubmitSm s = new SubmitSm();
        s.setValidityPeriod(validity);
        s.setScheduleDeliveryTime(schedule);
        return s;
    }

    @Test
    void bothTimesAreReadByTheSameRules() {
        SubmitTimes t = new SubmitTimes();
        assertEquals(SMPPConstant.STAT_ESME_ROK, t.read(submit("000001000000000R", "261207160000008+"), NOW));
        assertEquals(NOW + 86_400_000L, t.validUntil);
        assertEquals(0, t.due, "16:00 at UTC+2 is now: at once");
        assertEquals(SMPPConstant.STAT_ESME_ROK, t.read(submit(null, "000000001000000R"), NOW));
        assertEquals(0, t.validUntil);
        assertEquals(NOW + 600_000, t.due);
        assertEquals(SMPPConstant.STAT_ESME_ROK, t.read(submit("", "261207150000004-"), NOW));
        assertEquals(Instant.parse("2026-12-07T16:00:00Z").toEpochMilli(), t.due, "15:00 at UTC-1");
    }

    @Test
    void aScheduleInThePastOrOfAllZerosMeansAtOnce() {
        SubmitTimes t = new SubmitTimes();
        assertEquals(SMPPConstant.STAT_ESME_ROK, t.read(submit(null, "200101000000000+"), NOW));
        assertEquals(0, t.due);
        assertEquals(SMPPConstant.STAT_ESME_ROK, t.read(submit(null, "000000000000000R"), NOW));
        assertEquals(0, t.due);
    }

    @Test
    void aMalformedTimeIsRefusedWithItsFieldsStatusValidityFirst() {
        SubmitTimes t = new SubmitTimes();
        assertEquals(SMPPConstant.STAT_ESME_RINVSCHED, t.read(submit(null, "261307120000000+"), NOW));
        assertEquals(SMPPConstant.STAT_ESME_RINVEXPIRY, t.read(submit("26120712000000x+", "261307120000000+"), NOW));
        assertEquals("ESME_RINVSCHED: schedule_delivery_time 'bad?'",
                SubmitTimes.describe(submit(null, "bad\n"), SMPPConstant.STAT_ESME_RINVSCHED));
    }
}
