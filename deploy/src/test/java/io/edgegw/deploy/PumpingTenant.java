package io.edgegw.deploy;

import com.cloudhopper.commons.charset.CharsetUtil;
import com.cloudhopper.smpp.PduAsyncResponse;
import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.pdu.Unbind;
import com.cloudhopper.smpp.type.Address;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Cloudhopper ESME that keeps its window of submit_sm full until the gateway unbinds it, and counts what it sent
 * against what was answered. It behaves as an ESME should: once it has read the gateway's unbind it sends no more
 * submits (the submit being written then finishes first, under {@code sendLock}, so "sent" is exact).
 */
final class PumpingTenant implements AutoCloseable {
    static final String PREFIX = "graceful #";

    private final DefaultSmppClient client = new DefaultSmppClient(Executors.newCachedThreadPool(), 1);
    private final SmppSession session;
    private final Semaphore window;
    private final Object sendLock = new Object();
    private final Thread pump;
    private volatile boolean unbound;
    private volatile boolean stopped;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger answeredOk = new AtomicInteger();
    private final Map<Integer, AtomicInteger> refusedByStatus = new ConcurrentHashMap<>();
    private final Set<String> acknowledgedTexts = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closed = new CountDownLatch(1);

    PumpingTenant(int port, String systemId, String password, int windowSize) throws Exception {
        window = new Semaphore(windowSize);
        SmppSessionConfiguration config = new SmppSessionConfiguration();
        config.setType(SmppBindType.TRANSCEIVER);
        config.setHost("127.0.0.1");
        config.setPort(port);
        config.setSystemId(systemId);
        config.setPassword(password);
        config.setWindowSize(windowSize);
        config.setConnectTimeout(5_000);
        config.setBindTimeout(5_000);
        config.setRequestExpiryTimeout(60_000);
        try {
            session = client.bind(config, new DefaultSmppSessionHandler() {
                @Override
                public PduResponse firePduRequestReceived(PduRequest request) {
                    if (request instanceof Unbind) {
                        unbound = true;
                        // A submit being written finishes before our unbind_resp goes out. Not waited for here: this
                        // is Cloudhopper's reading thread, and that submit's write may wait on the gateway reading,
                        // which may wait on answers only this thread reads.
                        PduResponse unbindResp = request.createResponse();
                        Thread answer = new Thread(() -> {
                            synchronized (sendLock) {
                                try {
                                    PumpingTenant.this.session.sendResponsePdu(unbindResp);
                                } catch (Exception e) {
                                    // the gateway closed first: nothing to answer
                                }
                            }
                        }, "pumping-tenant-unbind");
                        answer.setDaemon(true);
                        answer.start();
                        return null;
                    }
                    return request.createResponse();
                }

                @Override
                @SuppressWarnings("rawtypes")
                public void fireExpectedPduResponseReceived(PduAsyncResponse async) {
                    PduResponse response = async.getResponse();
                    if (response instanceof SubmitSmResp) {
                        if (response.getCommandStatus() == SmppConstants.STATUS_OK) {
                            answeredOk.incrementAndGet();
                            acknowledgedTexts.add(new String(((SubmitSm) async.getRequest()).getShortMessage(),
                                    StandardCharsets.ISO_8859_1));
                        } else {
                            refusedByStatus.computeIfAbsent(response.getCommandStatus(), s -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                        window.release();
                    }
                }

                @Override
                public void fireChannelUnexpectedlyClosed() {
                    closed.countDown();
                }
            });
        } catch (Exception e) {
            client.destroy();
            throw e;
        }
        pump = new Thread(this::pump, "pumping-tenant");
    }

    /** Starts submitting, as fast as the window allows, until the gateway unbinds or {@link #close}. */
    void start() {
        pump.start();
    }

    private void pump() {
        int n = 0;
        try {
            while (!unbound && !stopped) {
                if (!window.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                synchronized (sendLock) {
                    if (unbound || stopped) {
                        return;
                    }
                    SubmitSm submit = new SubmitSm();
                    submit.setSourceAddress(new Address(SmppConstants.TON_ALPHANUMERIC, SmppConstants.NPI_UNKNOWN,
                            "Acme"));
                    submit.setDestAddress(new Address(SmppConstants.TON_INTERNATIONAL, SmppConstants.NPI_E164,
                            "44790" + (100_000 + n % 100_000)));
                    submit.setShortMessage(CharsetUtil.encode(PREFIX + n, CharsetUtil.CHARSET_GSM));
                    session.sendRequestPdu(submit, 60_000, false);
                    sent.incrementAndGet();
                    n++;
                }
            }
        } catch (Exception e) {
            // the connection went away under a send: that submit was not written, so it is not counted
        }
    }

    /** Waits for the pump to stop and the connection to close (the gateway closes it after unbind). */
    boolean awaitClosed(long millis) throws InterruptedException {
        pump.join(millis);
        return closed.await(millis, TimeUnit.MILLISECONDS) || !session.isBound();
    }

    boolean unbound() {
        return unbound;
    }

    int sent() {
        return sent.get();
    }

    int acknowledged() {
        return answeredOk.get();
    }

    int refused() {
        return refusedByStatus.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    Map<Integer, AtomicInteger> refusedByStatus() {
        return refusedByStatus;
    }

    Set<String> acknowledgedTexts() {
        return acknowledgedTexts;
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        pump.join(5_000);
        session.destroy();
        client.destroy();
    }
}
