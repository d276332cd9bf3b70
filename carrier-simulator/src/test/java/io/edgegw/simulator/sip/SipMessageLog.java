package io.edgegw.simulator.sip;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.SipStack;
import java.util.Properties;

/** JAIN-SIP's message trace at slf4j TRACE only; the RI's default {@code ServerLog} would write a file. */
public final class SipMessageLog implements ServerLogger {
    private static final Logger LOG = LoggerFactory.getLogger("io.edgegw.simulator.sip.messages");

    @Override public void closeLogFile() { }

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        log(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
        log(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        log(message, from, to, sender);
    }

    private static void log(SIPMessage message, String from, String to, boolean sender) {
        if (LOG.isTraceEnabled()) {
            LOG.trace("{} {} -> {}\n{}", sender ? "sent" : "received", from, to, message.encode());
        }
    }

    @Override
    public void logException(Exception e) {
        LOG.debug("jain-sip", e);
    }

    @Override public void setStackProperties(Properties properties) { }
    @Override public void setSipStack(SipStack sipStack) { }
}
