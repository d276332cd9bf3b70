package io.edgegw.deploy;

import com.cloudhopper.commons.charset.CharsetUtil;
import com.cloudhopper.commons.util.windowing.WindowFuture;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppServerConfiguration;
import com.cloudhopper.smpp.SmppServerHandler;
import com.cloudhopper.smpp.SmppServerSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppServer;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.BaseBind;
import com.cloudhopper.smpp.pdu.BaseBindResp;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.ssl.SslConfiguration;
import com.cloudhopper.smpp.type.Address;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * A carrier SMSC played by Cloudhopper ch-smpp's server (written independently of this project): accepts the
 * gateway's binds, answers its submits with ids {@code c1}, {@code c2}..., and sends mobile-originated deliver_sm
 * and delivery receipts toward the gateway on demand.
 */
final class CloudhopperCarrier implements SmppServerHandler, AutoCloseable {
    final List<SmppServerSession> sessions = new CopyOnWriteArrayList<>();
    /** Bind requests that reached SMPP (over TLS: only after a handshake). */
    final AtomicInteger bindRequests = new AtomicInteger();
    final List<SubmitSm> submits = new CopyOnWriteArrayList<>();
    /** Every submit_sm in the order it arrived, with the gateway bind (session) it came on. */
    final List<Received> received = new CopyOnWriteArrayList<>();

    /** A submit_sm, the session (one gateway bind) it arrived on, and the message id it was given (null: none). */
    record Received(SmppServerSession session, SubmitSm submit, String messageId) {
    }
    /** How many times each short_message text was offered in a submit_sm, answered or not. */
    final Map<String, AtomicInteger> offered = new ConcurrentHashMap<>();
    /** The text of each message taken, by the message id it was given. */
    final Map<String, String> taken = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final DefaultSmppServer server;
    private final Predicate<String> neverAnswered;

    CloudhopperCarrier(int port) throws Exception {
        this(port, (SslConfiguration) null);
    }

    /** Over TLS with {@code ssl} (its key store the SMSC's certificate), or plain TCP for null. */
    CloudhopperCarrier(int port, SslConfiguration ssl) throws Exception {
        this(port, ssl, text -> false);
    }

    /** A carrier that never answers a submit_sm whose text {@code neverAnswered} picks (no submit_sm_resp at all). */
    CloudhopperCarrier(int port, Predicate<String> neverAnswered) throws Exception {
        this(port, null, neverAnswered);
    }

    private CloudhopperCarrier(int port, SslConfiguration ssl, Predicate<String> neverAnswered) throws Exception {
        this.neverAnswered = neverAnswered;
        SmppServerConfiguration c = new SmppServerConfiguration();
        if (ssl != null) {
            c.setUseSsl(true);
            c.setSslConfiguration(ssl);
        }
        c.setPort(port);
        c.setHost("127.0.0.1");
        c.setSystemId("carrier");
        c.setReuseAddress(true);
        c.setNonBlockingSocketsEnabled(true);
        c.setDefaultWindowSize(100);
        c.setJmxEnabled(false);
        server = new DefaultSmppServer(c, this);
        server.start();
    }

    @Override
    @SuppressWarnings("rawtypes") // Cloudhopper's interface
    public void sessionBindRequested(Long id, SmppSessionConfiguration config, BaseBind bind) {
        bindRequests.incrementAndGet();
        config.getLoggingOptions().setLogPdu(false); // a line per PDU slows a test of thousands
    }

    @Override
    public void sessionCreated(Long id, SmppServerSession session, BaseBindResp resp) {
        sessions.add(session);
        session.serverReady(new DefaultSmppSessionHandler() {
            @Override
            @SuppressWarnings("rawtypes") // Cloudhopper's interface
            public PduResponse firePduRequestReceived(PduRequest request) {
                if (request instanceof SubmitSm submit) {
                    submits.add(submit);
                    String text = new String(submit.getShortMessage(), StandardCharsets.ISO_8859_1);
                    offered.computeIfAbsent(text, t -> new AtomicInteger()).incrementAndGet();
                    if (neverAnswered.test(text)) {
                        received.add(new Received(session, submit, null));
                        return null; // Cloudhopper sends no response for null
                    }
                }
                PduResponse r = request.createResponse();
                if (r instanceof SubmitSmResp s) {
                    s.setMessageId("c" + ids.incrementAndGet());
                    taken.put(s.getMessageId(), CharsetUtil.decode(((SubmitSm) request).getShortMessage(),
                            CharsetUtil.CHARSET_GSM));
                    received.add(new Received(session, (SubmitSm) request, s.getMessageId()));
                }
                return r;
            }
        });
    }

    @Override
    public void sessionDestroyed(Long id, SmppServerSession session) {
        sessions.remove(session);
        session.destroy();
    }

    /** Sends one MO from a handset to {@code to} on the first bound session; returns the gateway's status. */
    int sendMo(String from, String to, String text) throws Exception {
        DeliverSm mo = new DeliverSm();
        mo.setSourceAddress(new Address(SmppConstants.TON_INTERNATIONAL, SmppConstants.NPI_E164, from));
        mo.setDestAddress(new Address(SmppConstants.TON_INTERNATIONAL, SmppConstants.NPI_E164, to));
        mo.setShortMessage(CharsetUtil.encode(text, CharsetUtil.CHARSET_GSM));
        WindowFuture<Integer, PduRequest, PduResponse> f = sessions.get(0).sendRequestPdu(mo, 10_000, true);
        if (!f.await(10_000) || !f.isSuccess()) {
            throw new IllegalStateException("no deliver_sm_resp from the gateway", f.getCause());
        }
        return f.getResponse().getCommandStatus();
    }

    /** Times a text was offered so far. */
    int offered(String text) {
        AtomicInteger n = offered.get(text);
        return n == null ? 0 : n.get();
    }

    /** The message id this carrier gave the message whose text was {@code text}, or null. */
    String idOf(String text) {
        return taken.entrySet().stream().filter(e -> e.getValue().equals(text)).map(Map.Entry::getKey).findFirst()
                .orElse(null);
    }

    /** Every message id this carrier gave a message whose text was {@code text} (one per copy it took). */
    List<String> idsOf(String text) {
        return taken.entrySet().stream().filter(e -> e.getValue().equals(text)).map(Map.Entry::getKey).sorted()
                .toList();
    }

    /** Sends a final DELIVRD receipt for {@code messageId}; returns the gateway's status (its answer may take 30 s). */
    int sendReceipt(String messageId) throws Exception {
        WindowFuture<Integer, PduRequest, PduResponse> f = sendReceiptAsync(messageId, 40_000);
        if (!f.await(40_000) || !f.isSuccess()) {
            throw new IllegalStateException("no deliver_sm_resp from the gateway", f.getCause());
        }
        return f.getResponse().getCommandStatus();
    }

    /** Sends a final DELIVRD receipt for {@code messageId} on a bound session without waiting for the answer. */
    WindowFuture<Integer, PduRequest, PduResponse> sendReceiptAsync(String messageId, long timeoutMillis)
            throws Exception {
        await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
                .until(() -> sessions.stream().anyMatch(SmppServerSession::isBound));
        SmppServerSession bound = sessions.stream().filter(SmppServerSession::isBound).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("no gateway bind is bound to this carrier"));
        return sendReceiptOn(bound, messageId, timeoutMillis);
    }

    /** Sends a final DELIVRD receipt for {@code messageId} on that gateway bind, as an SMSC may on any bind. */
    WindowFuture<Integer, PduRequest, PduResponse> sendReceiptOn(SmppServerSession bind, String messageId,
                                                                 long timeoutMillis) throws Exception {
        return bind.sendRequestPdu(receipt(messageId), timeoutMillis, false);
    }

    private static DeliverSm receipt(String messageId) throws Exception {
        DeliverSm receipt = new DeliverSm();
        receipt.setEsmClass(SmppConstants.ESM_CLASS_MT_SMSC_DELIVERY_RECEIPT);
        receipt.setSourceAddress(new Address(SmppConstants.TON_INTERNATIONAL, SmppConstants.NPI_E164, "447700900001"));
        receipt.setDestAddress(new Address(SmppConstants.TON_ALPHANUMERIC, SmppConstants.NPI_UNKNOWN, "Acme"));
        receipt.setShortMessage(("id:" + messageId + " sub:001 dlvrd:001 submit date:2612070900 done date:2612070901"
                + " stat:DELIVRD err:000 text:").getBytes(StandardCharsets.ISO_8859_1));
        return receipt;
    }

    @Override
    public void close() {
        server.stop();
        server.destroy();
    }
}
