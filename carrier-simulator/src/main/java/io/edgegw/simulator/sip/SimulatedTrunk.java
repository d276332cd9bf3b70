package io.edgegw.simulator.sip;

import gov.nist.javax.sip.SipStackImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.io.IOException;
import java.text.ParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A simulated carrier SIP trunk on UDP, playing the called side (UAS): answers each INVITE with an outcome drawn from
 * {@link TrunkConfig#mix()}, answers BYE, CANCEL and OPTIONS, and can hang up answered calls itself. Timed steps run on
 * its own scheduler, never on the stack's threads. {@link #silent(boolean)} makes it read everything and answer nothing.
 */
public final class SimulatedTrunk implements SipListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedTrunk.class);
    private static final AtomicInteger STACKS = new AtomicInteger();
    private static final String ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS";

    private final TrunkConfig config;
    private final SipStackImpl stack;
    private final ListeningPoint listeningPoint;
    private final SipProvider provider;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final ScheduledExecutorService scheduler;
    private final TrunkCounters counters = new TrunkCounters();
    private final Map<String, TrunkCall> calls = new ConcurrentHashMap<>();
    private volatile boolean silent;

    private SimulatedTrunk(TrunkConfig config, SipStackImpl stack, ListeningPoint listeningPoint, SipProvider provider)
            throws SipException {
        this.config = config;
        this.stack = stack;
        this.listeningPoint = listeningPoint;
        this.provider = provider;
        SipFactory factory = SipFactory.getInstance();
        try {
            this.messages = factory.createMessageFactory();
            this.headers = factory.createHeaderFactory();
            this.addresses = factory.createAddressFactory();
        } catch (javax.sip.PeerUnavailableException e) {
            throw new SipException("JAIN-SIP factories unavailable", e);
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sip-trunk-" + listeningPoint.getPort());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts a trunk listening on UDP {@code config.host():config.port()}; port 0 picks a free port. */
    public static SimulatedTrunk start(TrunkConfig config) throws IOException {
        String name = "edge-sip-trunk-" + STACKS.incrementAndGet();
        SipStackImpl stack;
        try {
            stack = SipStacks.create(name);
        } catch (javax.sip.PeerUnavailableException e) {
            throw new IOException("cannot create the JAIN-SIP stack", e);
        }
        try {
            ListeningPoint lp = SipStacks.listenUdp(stack, config.host(), config.port());
            SipProvider provider = stack.createSipProvider(lp);
            SimulatedTrunk trunk = new SimulatedTrunk(config, stack, lp, provider);
            provider.addSipListener(trunk);
            stack.start();
            SipStacks.awaitUdpStarted(stack);
            LOG.info("sip trunk on udp {}:{} mix {}", config.host(), lp.getPort(), config.mix().weights());
            return trunk;
        } catch (SipException | java.util.TooManyListenersException | RuntimeException e) {
            SipStacks.stop(stack);
            throw new IOException("cannot start the sip trunk on udp " + config.host() + ":" + config.port(), e);
        }
    }

    public int port() {
        return listeningPoint.getPort();
    }

    public TrunkConfig config() {
        return config;
    }

    public TrunkCounters counters() {
        return counters;
    }

    /** While silent the trunk reads every request and answers none; steps falling due meanwhile are dropped. */
    public void silent(boolean on) {
        silent = on;
    }

    public boolean silent() {
        return silent;
    }

    public String statusLine() {
        return counters.statusLine() + " calls=" + calls.size() + (silent ? " SILENT" : "");
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        switch (method) {
            case Request.INVITE -> counters.invites.incrementAndGet();
            case Request.BYE -> counters.byesReceived.incrementAndGet();
            case Request.CANCEL -> counters.cancels.incrementAndGet();
            case Request.OPTIONS -> counters.options.incrementAndGet();
            default -> { }
        }
        if (method.equals(Request.ACK)) {
            return; // the ACK of a 2xx ends the INVITE exchange; nothing to answer
        }
        if (silent) {
            counters.ignored.incrementAndGet();
            return;
        }
        try {
            ServerTransaction tx = event.getServerTransaction() != null
                    ? event.getServerTransaction() : provider.getNewServerTransaction(request);
            switch (method) {
                case Request.INVITE -> invite(tx, request);
                case Request.BYE -> bye(tx, request);
                case Request.CANCEL -> cancel(tx, request);
                case Request.OPTIONS -> respond(tx, request, Response.OK, true);
                default -> respond(tx, request, Response.METHOD_NOT_ALLOWED, true);
            }
        } catch (TransactionAlreadyExistsException e) {
            LOG.debug("retransmitted {} handled by its transaction", method);
        } catch (SipException | InvalidArgumentException | ParseException | RuntimeException e) {
            LOG.warn("sip trunk {}: cannot answer {} {}: {}", port(), method, callId(request), e.toString());
        }
    }

    private void invite(ServerTransaction tx, Request request) {
        CallOutcome outcome = config.mix().pick();
        TrunkCall call = new TrunkCall(callId(request), tx, request, outcome, newTag());
        calls.put(call.callId, call);
        call.schedule(scheduler, config.answerLatencyMillis(), () -> firstAnswer(call));
    }

    private void firstAnswer(TrunkCall call) {
        if (silent) {
            return;
        }
        switch (call.outcome) {
            case BUSY -> sendFinal(call, Response.BUSY_HERE, counters.busy);
            case UNAVAILABLE -> sendFinal(call, Response.SERVICE_UNAVAILABLE, counters.unavailable);
            case NO_ANSWER -> {
                if (sendProvisional(call)) {
                    counters.unanswered.incrementAndGet();
                }
            }
            case ANSWER -> {
                if (sendProvisional(call)) {
                    call.schedule(scheduler, config.ringMillis(), () -> answer(call));
                }
            }
        }
    }

    private boolean sendProvisional(TrunkCall call) {
        synchronized (call) {
            if (call.finished) {
                return false;
            }
            send(call, Response.TRYING);
            send(call, Response.RINGING);
            return true;
        }
    }

    private void answer(TrunkCall call) {
        if (silent) {
            return;
        }
        if (sendFinal(call, Response.OK, counters.answered) && config.callDurationMillis() > 0) {
            call.schedule(scheduler, config.callDurationMillis(), () -> hangUp(call));
        }
    }

    private boolean sendFinal(TrunkCall call, int status, java.util.concurrent.atomic.AtomicLong counter) {
        synchronized (call) {
            if (call.finished) {
                return false;
            }
            call.finished = true;
            if (send(call, status)) {
                counter.incrementAndGet();
            }
        }
        if (status != Response.OK) {
            calls.remove(call.callId);
        }
        return true;
    }

    private boolean send(TrunkCall call, int status) {
        try {
            Response response = messages.createResponse(status, call.invite);
            if (status != Response.TRYING) {
                ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(call.toTag);
            }
            if (status == Response.OK || status == Response.RINGING) {
                response.addHeader(headers.createContactHeader(addresses.createAddress(contactUri(call.invite))));
            }
            call.tx.sendResponse(response);
            return true;
        } catch (SipException | InvalidArgumentException | ParseException | RuntimeException e) {
            LOG.warn("sip trunk {}: cannot send {} for call {}: {}", port(), status, call.callId, e.toString());
            return false;
        }
    }

    /** The trunk ends an answered call itself: a BYE inside the call's dialog. */
    private void hangUp(TrunkCall call) {
        if (silent || calls.remove(call.callId) == null) {
            return;
        }
        Dialog dialog = call.tx.getDialog();
        if (dialog == null) {
            return;
        }
        try {
            Request bye = dialog.createRequest(Request.BYE);
            ClientTransaction byeTx = provider.getNewClientTransaction(bye);
            dialog.sendRequest(byeTx);
            counters.byesSent.incrementAndGet();
        } catch (SipException | RuntimeException e) {
            LOG.warn("sip trunk {}: cannot hang up call {}: {}", port(), call.callId, e.toString());
        }
    }

    private void bye(ServerTransaction tx, Request request)
            throws SipException, InvalidArgumentException, ParseException {
        TrunkCall call = calls.remove(callId(request));
        if (call != null) {
            call.cancelTimers();
        }
        respond(tx, request, Response.OK, false);
    }

    /** 200 for the CANCEL, then 487 for the INVITE it cancels if that is still unanswered. */
    private void cancel(ServerTransaction tx, Request request)
            throws SipException, InvalidArgumentException, ParseException {
        TrunkCall call = calls.get(callId(request));
        respond(tx, request, Response.OK, call == null);
        if (call != null) {
            call.cancelTimers();
            sendFinal(call, Response.REQUEST_TERMINATED, counters.terminated);
        }
    }

    private void respond(ServerTransaction tx, Request request, int status, boolean tagIfMissing)
            throws SipException, InvalidArgumentException, ParseException {
        Response response = messages.createResponse(status, request);
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        if (tagIfMissing && to.getTag() == null) {
            to.setTag(newTag());
        }
        if (request.getMethod().equals(Request.OPTIONS) || status == Response.METHOD_NOT_ALLOWED) {
            response.addHeader(headers.createAllowHeader(ALLOW));
        }
        tx.sendResponse(response);
    }

    private SipURI contactUri(Request request) throws ParseException {
        String host = config.host();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = ((SipURI) request.getRequestURI()).getHost(); // the address the caller reached us on
        }
        SipURI uri = addresses.createSipURI("trunk", host);
        uri.setPort(port());
        return uri;
    }

    private static String callId(Request request) {
        return ((javax.sip.header.CallIdHeader) request.getHeader(javax.sip.header.CallIdHeader.NAME)).getCallId();
    }

    private static String newTag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    @Override
    public void processResponse(ResponseEvent event) {
        // Only our own BYEs get responses; the transaction layer has done all that is needed.
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        LOG.debug("sip trunk {}: transaction timed out", port());
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.warn("sip trunk {}: I/O error towards {}:{}", port(), event.getHost(), event.getPort());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        if (event.getDialog() == null) {
            return; // SipStacks.stop's wake-up
        }
        TrunkCall call = calls.remove(event.getDialog().getCallId().getCallId());
        if (call != null) {
            call.cancelTimers();
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        provider.removeSipListener(this);
        try {
            stack.deleteSipProvider(provider);
            stack.deleteListeningPoint(listeningPoint);
        } catch (javax.sip.ObjectInUseException | RuntimeException e) {
            // the RI's UDP processor throws NullPointerException when closed before its channels exist (a trunk
            // closed right after it started); the stack is stopped below all the same
            LOG.debug("sip trunk {}: {}", listeningPoint.getPort(), e.toString());
        }
        SipStacks.stop(stack);
    }
}
