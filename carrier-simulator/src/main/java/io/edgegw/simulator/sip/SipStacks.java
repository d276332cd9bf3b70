package io.edgegw.simulator.sip;

import gov.nist.javax.sip.EventScanner;
import gov.nist.javax.sip.EventWrapper;
import gov.nist.javax.sip.SipStackImpl;
import org.slf4j.LoggerFactory;

import javax.sip.DialogTerminatedEvent;
import javax.sip.PeerUnavailableException;
import java.util.Properties;

/** Start and stop of the JAIN-SIP stacks the simulator uses: one name per stack, quiet logs, no log files. */
final class SipStacks {
    private SipStacks() {
    }

    /** Built directly, not through SipFactory.createSipStack: the factory keeps every stack it made forever. */
    static SipStackImpl create(String stackName) throws PeerUnavailableException {
        return new SipStackImpl(properties(stackName));
    }

    static Properties properties(String stackName) {
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

    /**
     * Stops the stack. The RI's stop only flags its (non-daemon) event thread, which stays parked on an empty queue
     * for ever; one empty DialogTerminatedEvent afterwards lets it see the flag and end. Listeners ignore it.
     */
    static void stop(SipStackImpl stack) {
        EventScanner scanner = stack.getEventScanner();
        try {
            stack.stop();
        } catch (RuntimeException e) {
            // the RI may throw from a processor stopped before it had started; the wake-up below still matters
            LoggerFactory.getLogger(SipStacks.class).debug("sip stack stop: {}", e.toString());
        }
        if (scanner != null) {
            scanner.addEvent(new EventWrapper(new DialogTerminatedEvent(stack, null), null));
        }
    }
}
