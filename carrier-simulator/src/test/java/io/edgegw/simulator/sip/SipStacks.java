package io.edgegw.simulator.sip;

import gov.nist.javax.sip.EventScanner;
import gov.nist.javax.sip.EventWrapper;
import gov.nist.javax.sip.SipStackImpl;
import org.slf4j.LoggerFactory;

import javax.sip.DialogTerminatedEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.SipException;
import javax.sip.PeerUnavailableException;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
        // a fixed pool of UDP worker threads (the RI's default is a thread per message), which also tells when the
        // UDP processor is really up: see awaitUdpStarted
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "4");
        return p;
    }

    /**
     * Waits (at most 5 s) until the stack's UDP processor thread has made its worker threads. The RI makes them on
     * that thread after {@code start()} returns, and a stack stopped before then throws NullPointerException from
     * its stop and leaves its event thread running.
     */
    static void awaitUdpStarted(SipStackImpl stack) {
        String worker = stack.getStackName() + "-UDPMessageChannelThread-0";
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline
                && Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals(worker))) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
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
            // The RI's UDP processor makes its channels on its own thread; stopped before that thread ran, it throws
            // NullPointerException half-way through the stack's stop. Give the thread a moment and stop again.
            LoggerFactory.getLogger(SipStacks.class).debug("sip stack stop, trying again: {}", e.toString());
            try {
                Thread.sleep(200);
                stack.stop();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException again) {
                LoggerFactory.getLogger(SipStacks.class).warn("sip stack did not stop cleanly: {}", again.toString());
            }
        }
        if (scanner != null) {
            scanner.addEvent(new EventWrapper(new DialogTerminatedEvent(stack, null), null));
        }
    }

    /**
     * A UDP listening point on {@code host:port}. The RI keeps port 0 as 0 rather than the bound port, so for 0 a
     * free port is found first, and another tried if something takes it meanwhile (5 attempts).
     */
    static ListeningPoint listenUdp(SipStackImpl stack, String host, int port) throws SipException, IOException {
        if (port != 0) {
            return createListeningPoint(stack, host, port);
        }
        SipException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int free;
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(host), 0))) {
                free = probe.getLocalPort();
            }
            try {
                return createListeningPoint(stack, host, free);
            } catch (SipException e) {
                last = e;
            }
        }
        throw last;
    }

    private static ListeningPoint createListeningPoint(SipStackImpl stack, String host, int port) throws SipException {
        try {
            return stack.createListeningPoint(host, port, ListeningPoint.UDP);
        } catch (InvalidArgumentException e) {
            throw new SipException("cannot listen on udp " + host + ":" + port, e);
        }
    }
}
