package io.edgegw.smpp.carrier;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppServerConfiguration;
import com.cloudhopper.smpp.SmppServerHandler;
import com.cloudhopper.smpp.SmppServerSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppServer;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.BaseBind;
import com.cloudhopper.smpp.pdu.BaseBindResp;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.pdu.Unbind;
import com.cloudhopper.smpp.type.SmppProcessingException;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** An independent SMSC (Cloudhopper's server) on a given port, answering or ignoring submits on demand. */
public final class TestSmsc implements SmppServerHandler {
    public final List<SubmitSm> submits = new CopyOnWriteArrayList<>();
    final List<SmppServerSession> sessions = new CopyOnWriteArrayList<>();
    final AtomicInteger bindAttempts = new AtomicInteger();
    /** command_id of every bind request seen (bind_transmitter, bind_receiver, bind_transceiver). */
    final List<Integer> bindCommandIds = new CopyOnWriteArrayList<>();
    final AtomicInteger unbinds = new AtomicInteger();
    final AtomicInteger sessionsEnded = new AtomicInteger();
    volatile boolean answerSubmits = true;
    /** False: an unbind gets no unbind_resp, so the gateway's side ends the connection when it stops waiting. */
    volatile boolean answerUnbinds = true;
    volatile int refuseBindWith = SmppConstants.STATUS_OK;
    private final AtomicInteger ids = new AtomicInteger();
    private final DefaultSmppServer server;

    public TestSmsc(int port) throws Exception {
        SmppServerConfiguration c = new SmppServerConfiguration();
        c.setPort(port);
        c.setHost("127.0.0.1");
        c.setSystemId("smsc");
        c.setReuseAddress(true);
        c.setNonBlockingSocketsEnabled(true);
        c.setDefaultWindowSize(100);
        c.setJmxEnabled(false);
        server = new DefaultSmppServer(c, this);
        server.start();
    }

    @Override
    @SuppressWarnings("rawtypes") // Cloudhopper's interface
    public void sessionBindRequested(Long id, SmppSessionConfiguration config, BaseBind bind)
            throws SmppProcessingException {
        bindAttempts.incrementAndGet();
        bindCommandIds.add(bind.getCommandId());
        if (refuseBindWith != SmppConstants.STATUS_OK) {
            throw new SmppProcessingException(refuseBindWith);
        }
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
                    if (!answerSubmits) {
                        return null;
                    }
                    SubmitSmResp r = submit.createResponse();
                    r.setMessageId("smsc-" + ids.incrementAndGet());
                    return r;
                }
                if (request instanceof Unbind) {
                    unbinds.incrementAndGet();
                    if (!answerUnbinds) {
                        return null;
                    }
                }
                return request.createResponse();
            }
        });
    }

    @Override
    public void sessionDestroyed(Long id, SmppServerSession session) {
        sessions.remove(session);
        sessionsEnded.incrementAndGet();
        session.destroy();
    }

    /** The bound session of that bind type (e.g. the receiver of a split carrier), or null. */
    SmppServerSession session(SmppBindType type) {
        return sessions.stream().filter(x -> x.getBindType() == type).findFirst().orElse(null);
    }

    public void stop() {
        server.stop();
        server.destroy();
    }
}
