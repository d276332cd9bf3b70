package io.edgegw.sip.proxy;

import io.edgegw.sip.config.SipTrunkConfig;
import io.edgegw.sip.cdr.CallDetail;
import io.edgegw.sipstack.message.SipParser;
import io.edgegw.sipstack.message.SipRequest;
import io.edgegw.sipstack.transaction.SipMessageCodec;
import io.edgegw.sipstack.transport.Transport;
import io.netty.buffer.ByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.message.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Runs the per-call code that costs most the first time once on the starting thread, before any call. On a cold JVM
 * the first INVITE on each worker otherwise loads these classes from the jars, links their invokedynamic sites and
 * sets up HmacSHA256 itself, while the INVITEs behind it wait: measured on `edge demo` on a busy 2-core machine,
 * about 300 ms for each worker's first INVITE. Nothing here is sent, kept or counted.
 */
final class WarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    private static final String INVITE = "INVITE sip:4470000000@127.0.0.1 SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-warm-up\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:warm-up@127.0.0.1>;tag=w1\r\n"
            + "To: <sip:4470000000@127.0.0.1>\r\n"
            + "Call-ID: warm-up@127.0.0.1\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Contact: <sip:warm-up@127.0.0.1:5070>\r\n"
            + "Content-Length: 0\r\n\r\n";

    private WarmUp() {
    }

    static void run(Hops hops, SipTrunkConfig anyTrunk) {
        try {
            SipRequest invite = (SipRequest) SipParser.parse(INVITE.getBytes(StandardCharsets.US_ASCII));
            release(SipMessageCodec.INSTANCE.encode(hops.statelessAnswer(invite, Response.SERVICE_UNAVAILABLE)));
            if (anyTrunk != null) {
                release(SipMessageCodec.INSTANCE.encode(hops.toTrunk(invite, anyTrunk, Transport.UDP)));
            }
            new CallDetail("warm-up", "warm-up", "4470000000", invite.callId(), Instant.now())
                    .failed(Response.SERVICE_UNAVAILABLE, "refused", false);
        } catch (Exception | LinkageError e) {
            // only a head start: the first real call does the same work if this could not
            LOG.debug("SIP warm-up skipped: {}", e.toString());
        }
    }

    private static void release(ByteBuf encoded) {
        encoded.release();
    }
}
