package io.edgegw.simulator.sip;

import gov.nist.javax.sip.SipStackImpl;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Places calls (the calling side, UAC) through a SIP target at a paced rate: INVITE, and on 200 OK an ACK and, after
 * the hold time, a BYE. One JAIN-SIP stack per load; pacing, hold and setup timeouts run on one scheduler thread,
 * responses on the stack's listener thread, so no thread per call. {@link #run()} returns a {@link CallReport}.
 */
public final class CallLoad implements SipListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallLoad.class);
    private static final AtomicInteger STACKS = new AtomicInteger();
    /** How often the pacer wakes to place the calls that have fallen due. */
    private static final long TICK_MILLIS = 5;

    /** One placed call; {@code settled} is set once, by whichever of final response, timeout or error comes first. */
    private static final class PlacedCall {
        final long startNanos = System.nanoTime();
        final AtomicBoolean settled = new AtomicBoolean();
        final AtomicBoolean finished = new AtomicBoolean();
        volatile ClientTransaction inviteTx;
    }

    private final CallLoadConfig config;
    private final SipStackImpl stack;
    private final ListeningPoint listeningPoint;
    private final SipProvider provider;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final ScheduledExecutorService scheduler;
    private final Map<String, PlacedCall> calls = new ConcurrentHashMap<>();
    private final Histogram setupMicros = new ConcurrentHistogram(3);
    /** The same latencies again, taken a second at a time by {@link #progress()}. */
    private final Recorder intervalSetupMicros = new Recorder(3);
    private Histogram interval;
    private final Map<Integer, AtomicLong> failedByCode = new ConcurrentHashMap<>();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicInteger underWay = new AtomicInteger();
    private final CountDownLatch allFinished;
    private volatile long placed; // written by the scheduler thread only
    private long startNanos;
    private volatile long lastPlacedNanos;

    public CallLoad(CallLoadConfig config) throws IOException {
        this.config = config;
        this.allFinished = new CountDownLatch((int) Math.min(Integer.MAX_VALUE, config.total()));
        try {
            stack = SipStacks.create("edge-call-load-" + STACKS.incrementAndGet());
        } catch (javax.sip.PeerUnavailableException e) {
            throw new IOException("cannot create the JAIN-SIP stack", e);
        }
        try {
            listeningPoint = SipStacks.listenUdp(stack, config.localHost(), 0);
            provider = stack.createSipProvider(listeningPoint);
            provider.addSipListener(this);
            SipFactory factory = SipFactory.getInstance();
            messages = factory.createMessageFactory();
            headers = factory.createHeaderFactory();
            addresses = factory.createAddressFactory();
            stack.start();
            SipStacks.awaitUdpStarted(stack);
        } catch (Exception e) {
            SipStacks.stop(stack);
            throw new IOException("cannot start the call load on udp " + config.localHost(), e);
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sip-call-load-" + listeningPoint.getPort());
            t.setDaemon(true);
            return t;
        });
    }

    /** The RI keeps port 0 as 0 rather than the bound port, so a free port is found first. */
    /** The UDP port calls come from. */
    public int port() {
        return listeningPoint.getPort();
    }

    /** Places every call, waits until each has ended (bounded) and reports. Calls still unsettled count as timed out. */
    public CallReport run() throws InterruptedException {
        startNanos = System.nanoTime();
        scheduler.scheduleAtFixedRate(this::placeDue, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
        long boundMillis = config.total() * 1000 / config.callsPerSecond() + config.setupTimeoutMillis()
                + config.holdMillis() + 10_000;
        allFinished.await(boundMillis, TimeUnit.MILLISECONDS);
        scheduler.shutdownNow();
        calls.values().forEach(call -> {
            if (call.settled.compareAndSet(false, true)) {
                timedOut.incrementAndGet();
            }
        });
        return report();
    }

    /** On the scheduler: places the calls due by now at the target rate, as far as the concurrency bound allows. */
    private void placeDue() {
        long due = Math.min(config.total(),
                (System.nanoTime() - startNanos) * config.callsPerSecond() / 1_000_000_000L + 1);
        while (placed < due && underWay.get() < config.maxConcurrent()) {
            place(placed++);
        }
    }

    private void place(long sequence) {
        String callId = provider.getNewCallId().getCallId();
        PlacedCall call = new PlacedCall();
        calls.put(callId, call);
        underWay.incrementAndGet();
        lastPlacedNanos = System.nanoTime();
        try {
            String number = config.numberPrefix() + String.format("%07d", sequence);
            Request invite = request(number, callId);
            invite.addHeader(headers.createContactHeader(addresses.createAddress(
                    addresses.createSipURI("caller", config.localHost() + ":" + port()))));
            call.inviteTx = provider.getNewClientTransaction(invite);
            call.inviteTx.sendRequest();
            scheduler.schedule(() -> setupTimedOut(callId), config.setupTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("call load: cannot send INVITE {}: {}", callId, e.toString());
            if (call.settled.compareAndSet(false, true)) {
                errors.incrementAndGet();
            }
            finish(call);
        }
    }

    private Request request(String number, String callId) throws Exception {
        SipURI target = addresses.createSipURI(number, config.targetHost() + ":" + config.targetPort());
        Address from = addresses.createAddress(addresses.createSipURI("caller", config.localHost()));
        Address to = addresses.createAddress(addresses.createSipURI(number, config.targetHost()));
        ViaHeader via = headers.createViaHeader(config.localHost(), port(), ListeningPoint.UDP, null);
        return messages.createRequest(target, Request.INVITE, headers.createCallIdHeader(callId),
                headers.createCSeqHeader(1L, Request.INVITE),
                headers.createFromHeader(from, Long.toHexString(System.nanoTime())), headers.createToHeader(to, null),
                List.of(via), headers.createMaxForwardsHeader(70));
    }

    private void setupTimedOut(String callId) {
        PlacedCall call = calls.get(callId);
        if (call != null && call.settled.compareAndSet(false, true)) {
            timedOut.incrementAndGet();
            try {
                provider.getNewClientTransaction(call.inviteTx.createCancel()).sendRequest();
            } catch (Exception e) {
                LOG.debug("call load: no CANCEL for {}: {}", callId, e.toString());
            }
            finish(call);
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response response = event.getResponse();
        String callId = callId(response);
        PlacedCall call = calls.get(callId);
        int status = response.getStatusCode();
        if (call == null || status < 200) {
            return;
        }
        String method = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod();
        if (method.equals(Request.BYE)) {
            finish(call);
            return;
        }
        if (!method.equals(Request.INVITE)) {
            return;
        }
        boolean first = call.settled.compareAndSet(false, true);
        if (first) {
            long micros = Math.max(0, (System.nanoTime() - call.startNanos) / 1_000);
            setupMicros.recordValue(micros);
            intervalSetupMicros.recordValue(micros);
        }
        if (status >= 300) {
            if (first) {
                failedByCode.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                finish(call);
            }
            return;
        }
        if (!first && event.getClientTransaction() == null) {
            return; // a retransmitted 200 OK; the dialog has answered it with the ACK again
        }
        if (first) {
            answered.incrementAndGet();
        }
        Dialog dialog = event.getDialog();
        try {
            dialog.sendAck(dialog.createAck(((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber()));
        } catch (Exception e) {
            LOG.warn("call load: cannot ACK {}: {}", callId, e.toString());
        }
        if (config.holdMillis() == 0) {
            bye(call, dialog, callId);
        } else {
            scheduler.schedule(() -> bye(call, dialog, callId), config.holdMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void bye(PlacedCall call, Dialog dialog, String callId) {
        if (call.finished.get()) {
            return; // the far end hung up first
        }
        try {
            dialog.sendRequest(provider.getNewClientTransaction(dialog.createRequest(Request.BYE)));
        } catch (Exception e) {
            LOG.warn("call load: cannot send BYE {}: {}", callId, e.toString());
            finish(call);
        }
    }

    /** A BYE from the far end (a trunk with a call duration shorter than our hold) ends the call; anything else is 200'd. */
    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        if (request.getMethod().equals(Request.ACK)) {
            return;
        }
        try {
            ServerTransaction tx = event.getServerTransaction() != null
                    ? event.getServerTransaction() : provider.getNewServerTransaction(request);
            tx.sendResponse(messages.createResponse(Response.OK, request));
        } catch (Exception e) {
            LOG.debug("call load: cannot answer {}: {}", request.getMethod(), e.toString());
        }
        PlacedCall call = calls.get(callId(request));
        if (call != null && request.getMethod().equals(Request.BYE)) {
            finish(call);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        ClientTransaction tx = event.getClientTransaction();
        if (tx == null) {
            return;
        }
        PlacedCall call = calls.get(callId(tx.getRequest()));
        if (call == null) {
            return;
        }
        if (tx.getRequest().getMethod().equals(Request.INVITE) && call.settled.compareAndSet(false, true)) {
            timedOut.incrementAndGet();
            finish(call);
        } else if (tx.getRequest().getMethod().equals(Request.BYE)) {
            finish(call);
        }
    }

    private void finish(PlacedCall call) {
        if (call.finished.compareAndSet(false, true)) {
            underWay.decrementAndGet();
            allFinished.countDown();
        }
    }

    private static String callId(Message message) {
        return ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId();
    }

    /**
     * Counts so far, and the setup latency of the calls settled since the previous call of this method; for one
     * progress printer at a time.
     */
    public Progress progress() {
        interval = intervalSetupMicros.getIntervalHistogram(interval);
        long n = interval.getTotalCount();
        long failed = failedByCode.values().stream().mapToLong(AtomicLong::get).sum();
        return new Progress(placed, answered.get(), failed, timedOut.get(), underWay.get(), n,
                n == 0 ? 0 : interval.getValueAtPercentile(50) / 1000.0,
                n == 0 ? 0 : interval.getValueAtPercentile(99) / 1000.0);
    }

    /** A progress snapshot: totals so far, and {@code settled} calls' setup percentiles since the last snapshot. */
    public record Progress(long placed, long answered, long failed, long timedOut, int underWay, long settled,
                           double setupP50Millis, double setupP99Millis) {
    }

    private CallReport report() {
        Map<Integer, Long> failed = new TreeMap<>();
        failedByCode.forEach((code, n) -> failed.put(code, n.get()));
        double placingSeconds = placed == 0 ? 0
                : (lastPlacedNanos - startNanos) / 1e9 + 1.0 / config.callsPerSecond();
        boolean any = setupMicros.getTotalCount() > 0;
        return new CallReport(config.total(), placed, answered.get(), new TreeMap<>(failed), timedOut.get(),
                errors.get(),
                any ? setupMicros.getValueAtPercentile(50) / 1000.0 : 0,
                any ? setupMicros.getValueAtPercentile(99) / 1000.0 : 0,
                any ? setupMicros.getMaxValue() / 1000.0 : 0,
                placingSeconds == 0 ? 0 : placed / placingSeconds);
    }

    @Override public void processIOException(IOExceptionEvent event) { }
    @Override public void processTransactionTerminated(TransactionTerminatedEvent event) { }
    @Override public void processDialogTerminated(DialogTerminatedEvent event) { }

    @Override
    public void close() {
        scheduler.shutdownNow();
        provider.removeSipListener(this);
        SipStacks.stop(stack);
    }
}
