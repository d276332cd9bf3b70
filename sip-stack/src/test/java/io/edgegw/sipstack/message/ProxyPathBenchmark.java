package io.edgegw.sipstack.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * A benchmark, not a test: times what a stateful proxy does to an INVITE (parse, read Call-ID hash, top Via,
 * Max-Forwards, CSeq, Request-URI; rewrite the Request-URI, decrement Max-Forwards, add a Via and a Record-Route,
 * encode into a pooled buffer) and prints ns per message. Run: see the sip-stack section of the branch's report.
 */
public final class ProxyPathBenchmark {
    private ProxyPathBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        byte[] invite = Messages.invite();
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int perRound = 1_000_000;
        SipUri target = SipUri.parse("sip:bob@192.0.2.4:5080");
        Via via = Via.of("UDP", "proxy.example.net", 5060, SipIds.branch());
        NameAddr rr = NameAddr.of(SipUri.parse("sip:proxy.example.net;lr"));
        long sink = 0;
        for (int round = 0; round < rounds; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < perRound; i++) {
                SipRequest r = (SipRequest) SipParser.parse(invite.clone());
                sink += r.callIdHash() + r.topVia().port() + r.maxForwards() + r.cseq().number();
                sink += r.requestUri().host().length();
                r.setRequestUri(target);
                r.decrementMaxForwards();
                r.prependVia(via);
                r.prependRecordRoute(rr);
                ByteBuf out = PooledByteBufAllocator.DEFAULT.heapBuffer(invite.length + 256);
                r.encode(out);
                sink += out.readableBytes();
                out.release();
            }
            long ns = (System.nanoTime() - t0) / perRound;
            System.out.printf("round %d: %d ns per INVITE (parse + proxy edits + encode, %d bytes in)%n",
                    round + 1, ns, invite.length);
        }
        System.out.println("(checksum " + sink + ")");
    }
}
