package io.edgegw.simulator.sip;

import java.util.Properties;

/** The JAIN-SIP stack settings every simulator stack shares: one name per stack, quiet logs, no log files. */
final class StackProperties {
    private StackProperties() {
    }

    static Properties named(String stackName) {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", stackName);
        // The RI keeps dialogs for us; a UAS needs nothing more from them.
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "ERROR");
        p.setProperty("gov.nist.javax.sip.LOG_LEVEL", "ERROR");
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", SipStackLog.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", SipMessageLog.class.getName());
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        return p;
    }
}
