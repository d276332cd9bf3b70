package io.edgegw.sip.stack;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;

import javax.sip.SipStack;
import java.util.Properties;

/** The RI's message trace (a log file of every SIP message) is off: the gateway writes no such file. */
public final class NoMessageLog implements ServerLogger {
    @Override
    public void closeLogFile() {
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
    }

    @Override
    public void logException(Exception ex) {
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
    }

    @Override
    public void setSipStack(SipStack sipStack) {
    }
}
