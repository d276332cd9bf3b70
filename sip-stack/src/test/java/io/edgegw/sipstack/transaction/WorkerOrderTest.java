package io.edgegw.sipstack.transaction;

import io.edgegw.sipstack.message.SipMessage;
import io.edgegw.sipstack.message.SipRequest;
import org.junit.jupiter.api.Test;

import javax.sip.message.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

class WorkerOrderTest {
    @Test
    void eachCallsRequestsReachTheTuInOrderOnOneThreadWhileSeveralWorkersRun() throws Exception {
        int calls = 40;
        int perCall = 50;
        Map<String, ConcurrentLinkedQueue<Long>> seen = new ConcurrentHashMap<>();
        Map<String, Set<String>> threads = new ConcurrentHashMap<>();
        try (Harness h = new Harness(Harness.config().withWorkers(3).withCaps(10_000, 10_000))) {
            Wire caller = Wire.udp();
            h.tu.answer = tx -> {
                SipMessage r = tx.request();
                seen.computeIfAbsent(r.callId(), k -> new ConcurrentLinkedQueue<>()).add(r.cseq().number());
                threads.computeIfAbsent(r.callId(), k -> ConcurrentHashMap.newKeySet())
                        .add(Thread.currentThread().getName());
            };
            List<Thread> senders = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                int sender = s;
                senders.add(new Thread(() -> {
                    for (int n = 1; n <= perCall; n++) {
                        for (int c = sender; c < calls; c += 4) {
                            h.deliver(Harness.request(Request.INFO, "call-" + c, "z9hG4bK-" + c + "-" + n, n), caller);
                        }
                    }
                }));
            }
            senders.forEach(Thread::start);
            for (Thread t : senders) {
                t.join();
            }
            await().until(() -> h.tu.requests.size() == calls * perCall);
        }
        List<Long> expected = new ArrayList<>();
        for (long n = 1; n <= perCall; n++) {
            expected.add(n);
        }
        for (int c = 0; c < calls; c++) {
            assertEquals(expected, List.copyOf(seen.get("call-" + c)), "order of call-" + c);
            assertEquals(1, threads.get("call-" + c).size(), "call-" + c + " stays on one worker");
        }
        Set<String> used = ConcurrentHashMap.newKeySet();
        threads.values().forEach(used::addAll);
        assertEquals(3, used.size(), "calls spread over every worker");
    }
}
