package io.edgegw.core.support;

import io.edgegw.core.Gateway;
import io.edgegw.core.spi.AckSink;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Run in a child JVM by the usage kill -9 test: submits {@code count} messages to acme, message i to 4477009(10000+i)
 * with {@link #segments}(i) segments, prints each acknowledged id, then waits to be killed.
 */
public final class UsageCrashVictim {
    /** Message i counts 2 segments (300 GSM characters as message_payload) when i % 3 == 0, else 1. */
    public static int segments(int i) {
        return i % 3 == 0 ? 2 : 1;
    }

    public static String destination(int i) {
        return "4477009" + (10000 + i);
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
        Gateway g = Gateway.start(UsageSupport.config(Path.of(args[0])), List.of());
        int count = Integer.parseInt(args[1]);
        AckSink ack = ChildGateway.printingAcks(out);
        for (int i = 0; i < count; i++) {
            while (g.ingress().submit("acme", UsageSupport.gsm(destination(i), segments(i) == 2 ? 300 : 100), ack, i)
                    != 0) {
                Thread.onSpinWait();
            }
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
