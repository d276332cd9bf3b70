package io.edgegw.core.support;

import io.edgegw.core.Gateway;
import io.edgegw.core.spi.AckSink;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** Run in a child JVM by the kill -9 test: submits messages, prints each acknowledged id, then waits to be killed. */
public final class CrashVictim {
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
        Gateway g = Gateway.start(TestConfigs.oneTenantOneCarrier(Path.of(args[0])), List.of());
        int count = Integer.parseInt(args[1]);
        AckSink ack = ChildGateway.printingAcks(out);
        for (int i = 0; i < count; i++) {
            while (g.ingress().submit("acme", TestConfigs.sms("4477009" + (10000 + i), false), ack, i) != 0) {
                Thread.onSpinWait();
            }
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
