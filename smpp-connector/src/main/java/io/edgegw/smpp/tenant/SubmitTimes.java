package io.edgegw.smpp.tenant;

import io.edgegw.smpp.pdu.ValidityPeriod;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.SubmitSm;

/**
 * A submit_sm's two times (SMPP 3.4 section 7.1), read by the same rules: validity_period as the epoch millisecond
 * the message ends at, schedule_delivery_time as the one it is due at (an absolute time already past, or a relative
 * one of all zeros, means at once, as SMSCs read it). One per session, reused for each submit (its event loop only),
 * so reading them allocates nothing.
 */
final class SubmitTimes {
    /** The validity end (epoch ms) of the submit last read; 0 = none. */
    long validUntil;
    /** When the submit last read is due (epoch ms); 0 = at once. */
    long due;

    /** @return ESME_ROK, ESME_RINVEXPIRY (validity_period not a time) or ESME_RINVSCHED (schedule not a time) */
    int read(SubmitSm submit, long nowMillis) {
        validUntil = ValidityPeriod.parse(submit.getValidityPeriod(), nowMillis);
        if (validUntil == ValidityPeriod.MALFORMED) {
            return SMPPConstant.STAT_ESME_RINVEXPIRY;
        }
        due = ValidityPeriod.parse(submit.getScheduleDeliveryTime(), nowMillis);
        if (due == ValidityPeriod.MALFORMED) {
            return SMPPConstant.STAT_ESME_RINVSCHED;
        }
        if (due != ValidityPeriod.NONE && due - nowMillis <= 0) {
            due = ValidityPeriod.NONE;
        }
        return SMPPConstant.STAT_ESME_ROK;
    }

    /** For the log line of a refusal {@link #read} returned: the field and its text, printable characters only. */
    static String describe(SubmitSm submit, int refusal) {
        boolean validity = refusal == SMPPConstant.STAT_ESME_RINVEXPIRY;
        String text = validity ? submit.getValidityPeriod() : submit.getScheduleDeliveryTime();
        return (validity ? "ESME_RINVEXPIRY: validity_period '" : "ESME_RINVSCHED: schedule_delivery_time '")
                + text.replaceAll("[^ -~]", "?") + "'"; // it is the peer's text
    }
}
