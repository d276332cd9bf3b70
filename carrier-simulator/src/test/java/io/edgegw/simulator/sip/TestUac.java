package io.edgegw.simulator.sip;

import gov.nist.javax.sip.SipStackImpl;

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
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A small JAIN-SIP caller (UAC) on its own stack: places calls at a trunk and records what comes back, per Call-ID. */
final class TestUac implements SipListener, AutoCloseable {
    private static final AtomicInteger STACKS = new AtomicInteger();

    /** What one call (or one OPTIONS) has seen: "INVITE 180", "INVITE 200", "BYE 200", "BYE received", "OPTIONS timeout". */
    static final class Call {
        final String callId;
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        volatile ClientTransaction inviteTx;
        volatile Response lastFinal;

        Call(String callId) {
            this.callId = callId;
        }

        /** The next event, or null if none arrives within the bound. */
        String next(long timeoutMillis) throws InterruptedException {
            return events.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        }

        /** Skips events until {@code wanted} arrives (e.g. past "INVITE 100"); null if it does not within the bound. */
        String await(String wanted, long timeoutMillis) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (true) {
                long left = deadline - System.nanoTime();
                String e = events.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
                if (e == null || e.equals(wanted)) {
                    return e;
                }
            }
        }

        Dialog dialog() {
            return inviteTx.getDialog();
        }
    }

    private final SipStackImpl stack;
    private final ListeningPoint listeningPoint;
    private final SipProvider provider;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final String trunkHost;
    private final int trunkPort;
    private final Map<String, Call> calls = new ConcurrentHashMap<>();

    TestUac(String trunkHost, int trunkPort) throws Exception {
        this.trunkHost = trunkHost;
        this.trunkPort = trunkPort;
        stack = SipStacks.create("test-uac-" + STACKS.incrementAndGet());
        listeningPoint = SipStacks.listenUdp(stack, "127.0.0.1", 0);
        provider = stack.createSipProvider(listeningPoint);
        provider.addSipListener(this);
        SipFactory factory = SipFactory.getInstance();
        messages = factory.createMessageFactory();
        headers = factory.createHeaderFactory();
        addresses = factory.createAddressFactory();
        stack.start();
        SipStacks.awaitUdpStarted(stack);
    }

    /** An INVITE, with {@code recordRoutes} as Record-Route values in that order (as proxies on the way add them). */
    Call invite(String... recordRoutes) throws Exception {
        Call call = newCall();
        Request invite = request(Request.INVITE, call);
        for (String rr : recordRoutes) {
            invite.addLast(headers.createHeader(RecordRouteHeader.NAME, rr));
        }
        invite.addHeader(headers.createContactHeader(addresses.createAddress(
                addresses.createSipURI("caller", "127.0.0.1:" + listeningPoint.getPort()))));
        call.inviteTx = provider.getNewClientTransaction(invite);
        call.inviteTx.sendRequest();
        return call;
    }

    Call options() throws Exception {
        Call call = newCall();
        provider.getNewClientTransaction(request(Request.OPTIONS, call)).sendRequest();
        return call;
    }

    void ack(Call call) throws Exception {
        long seq = ((CSeqHeader) call.lastFinal.getHeader(CSeqHeader.NAME)).getSeqNumber();
        call.dialog().sendAck(call.dialog().createAck(seq));
    }

    void bye(Call call) throws Exception {
        Request bye = call.dialog().createRequest(Request.BYE);
        call.dialog().sendRequest(provider.getNewClientTransaction(bye));
    }

    void cancel(Call call) throws Exception {
        provider.getNewClientTransaction(call.inviteTx.createCancel()).sendRequest();
    }

    private Call newCall() {
        Call call = new Call(provider.getNewCallId().getCallId());
        calls.put(call.callId, call);
        return call;
    }

    private Request request(String method, Call call) throws Exception {
        SipURI target = addresses.createSipURI("1000", trunkHost + ":" + trunkPort);
        Address from = addresses.createAddress(addresses.createSipURI("caller", "127.0.0.1"));
        Address to = addresses.createAddress(addresses.createSipURI("1000", trunkHost));
        ViaHeader via = headers.createViaHeader("127.0.0.1", listeningPoint.getPort(), ListeningPoint.UDP, null);
        CallIdHeader callId = headers.createCallIdHeader(call.callId);
        return messages.createRequest(target, method, callId, headers.createCSeqHeader(1L, method),
                headers.createFromHeader(from, Long.toHexString(System.nanoTime())), headers.createToHeader(to, null),
                List.of(via), headers.createMaxForwardsHeader(70));
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response response = event.getResponse();
        String method = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod();
        Call call = calls.get(((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId());
        if (call == null) {
            return;
        }
        if (method.equals(Request.INVITE) && response.getStatusCode() >= 200) {
            call.lastFinal = response;
        }
        call.events.add(method + " " + response.getStatusCode());
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        Call call = calls.get(((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId());
        try {
            ServerTransaction tx = event.getServerTransaction() != null
                    ? event.getServerTransaction() : provider.getNewServerTransaction(request);
            tx.sendResponse(messages.createResponse(Response.OK, request));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (call != null) {
            call.events.add(request.getMethod() + " received");
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        Request request = event.getClientTransaction() != null ? event.getClientTransaction().getRequest() : null;
        if (request != null) {
            Call call = calls.get(((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId());
            if (call != null) {
                call.events.add(request.getMethod() + " timeout");
            }
        }
    }

    static String toTag(Response response) {
        return ((ToHeader) response.getHeader(ToHeader.NAME)).getTag();
    }

    @Override public void processIOException(IOExceptionEvent event) { }
    @Override public void processTransactionTerminated(TransactionTerminatedEvent event) { }
    @Override public void processDialogTerminated(DialogTerminatedEvent event) { }

    @Override
    public void close() {
        provider.removeSipListener(this);
        SipStacks.stop(stack);
    }
}
