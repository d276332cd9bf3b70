package io.edgegw.core.message;

/**
 * The few SMPP 3.4 values the core needs. They mirror SMPP 3.4 (section 5.1.3 command_status, 5.2.12 esm_class,
 * 5.2.17 registered_delivery, 5.2.28 message_state); the core does not depend on jSMPP, so they live here once.
 */
public final class SmppStatus {
    public static final int ESME_ROK = 0x00;
    public static final int ESME_RMSGQFUL = 0x14;
    public static final int ESME_RSYSERR = 0x08;
    public static final int ESME_RINVDSTADR = 0x0B;
    public static final int ESME_RSUBMITFAIL = 0x45;
    /** Invalid schedule_delivery_time. */
    public static final int ESME_RINVSCHED = 0x61;
    /**
     * Invalid data coding scheme (SMPP 5.0 section 4.7.6; 3.4 has no code for it): data_coding 0 text a carrier's
     * alphabet cannot carry. Permanent.
     */
    public static final int ESME_RINVDCS = 0x104;
    public static final int ESME_RTHROTTLED = 0x58;
    public static final int ESME_RX_T_APPN = 0x64;
    public static final int ESME_RX_P_APPN = 0x65;

    /** esm_class bits 2-5 (mask 0x3C) equal to 0x04 mark an SMSC delivery receipt. */
    public static final int ESM_CLASS_TYPE_MASK = 0x3C;
    public static final int ESM_CLASS_DELIVERY_RECEIPT = 0x04;

    /** registered_delivery bits 0-1: 1 = receipt on final outcome, 2 = receipt on failure only. */
    public static final int REGISTERED_DELIVERY_MASK = 0x03;

    public static final int STATE_DELIVERED = 2;
    public static final int STATE_EXPIRED = 3;
    public static final int STATE_DELETED = 4;
    public static final int STATE_UNDELIVERABLE = 5;
    public static final int STATE_ACCEPTED = 6;
    public static final int STATE_UNKNOWN = 7;
    public static final int STATE_REJECTED = 8;

    private SmppStatus() {
    }

    /** Errors worth another try later (on this or another bind); everything else non-ROK is final. */
    public static boolean isTransient(int status) {
        return status == ESME_RSYSERR || status == ESME_RSUBMITFAIL || status == ESME_RMSGQFUL
                || status == ESME_RTHROTTLED || status == ESME_RX_T_APPN;
    }

    public static boolean isThrottle(int status) {
        return status == ESME_RTHROTTLED || status == ESME_RMSGQFUL;
    }

    /** message_state for a receipt's stat: word (SMPP 3.4 Appendix B), STATE_UNKNOWN when unrecognised. */
    public static int stateOf(String stat) {
        if (stat == null) {
            return STATE_UNKNOWN;
        }
        switch (stat.toUpperCase(java.util.Locale.ROOT)) {
            case "DELIVRD": return STATE_DELIVERED;
            case "EXPIRED": return STATE_EXPIRED;
            case "DELETED": return STATE_DELETED;
            case "UNDELIV": return STATE_UNDELIVERABLE;
            case "ACCEPTD": return STATE_ACCEPTED;
            case "REJECTD": return STATE_REJECTED;
            default: return STATE_UNKNOWN;
        }
    }

    /** Whether a message_state ends the message's life: anything but ENROUTE (1) and ACCEPTED (6). */
    public static boolean isFinal(int state) {
        return state != 1 && state != STATE_ACCEPTED;
    }
}
