package io.edgegw.core.support;

import io.edgegw.core.Gateway;
import io.edgegw.core.spi.AckSink;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a child JVM by the scheduled usage kill -9 test: submits {@code count} messages to acme, message i to
 * {@link UsageCrashVictim#destination}(i), even ones scheduled {@code aheadMillis} ahead and odd ones at once; once
 * every scheduled one was moved into the inbound queue (none waits in the scheduled queue) prints each acknowledged id
 * and waits to be killed.
 */
public final class ScheduledCrashVictim {
    public static boolean scheduled(int i) {
        return i % 2 == 0;
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
        Gateway g = Gateway.start(UsageSupport.config(Path.of(args[0])), List.of());
        int count = Integer.parseInt(args[1]);
        long due = System.currentTimeMillis() + Long.parseLong(args[2]);
        List<String> acked = new ArrayList<>();
        AckSink ack = new AckSink() {
            @Override
            public void accepted(int sequenceNumber, String messageId) {
                synchronized (acked) {
                    acked.add(messageId);
                }
            }

            @Override
            public void rejected(int sequenceNumber, int commandStatus) {
                out.println("NACK " + commandStatus);
            }

            @Override
            public void flush() {
            }
        };
        for (int i = 0; i < count; i++) {
            while (g.ingress().submit("acme", UsageSupport.gsm(UsageCrashVictim.destination(i),
                    UsageCrashVictim.segments(i) == 2 ? 300 : 100), 0, scheduled(i) ? due : 0, ack, i) != 0) {
                Thread.onSpinWait();
            }
        }
        while (true) {
            synchronized (acked) {
                if (acked.size() == count && System.currentTimeMillis() > due && g.meters()
                        .get("edge_tenant_scheduled_depth").tag("tenant", "acme").gauge().value() == 0) {
                    break;
                }
            }
            Thread.sleep(20);
        }
        synchronized (acked) {
            acked.forEach(id -> out.println("ACK " + id));
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
