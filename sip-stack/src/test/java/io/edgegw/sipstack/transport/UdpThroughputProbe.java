package io.edgegw.sipstack.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * A measurement, not a test: datagrams per second in and out through one UDP channel on one event loop, and the CPU
 * that loop's thread spends. Clients keep a window of OPTIONS outstanding; each is answered with a 200, either on the
 * event loop ({@code loop}) or from one worker thread ({@code worker}, as the proxy's per-Call-ID workers will).
 * Usage: {@code UdpThroughputProbe SECONDS loop|worker CLIENTS WINDOW [nio]}.
 */
public final class UdpThroughputProbe {
    private static final ByteBuf OK = Unpooled.unreleasableBuffer(Unpooled.directBuffer().writeBytes(SipText.bytes(
            SipText.ok(SipText.options(1)))));

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        boolean worker = args[1].equals("worker");
        int clients = Integer.parseInt(args[2]);
        int window = Integer.parseInt(args[3]);
        boolean nio = args.length > 4 && args[4].equals("nio");
        BlockingQueue<Flow> work = new ArrayBlockingQueue<>(100_000);
        SipTransports[] holder = new SipTransports[1];
        SipReceiver receiver = (message, source, flow) -> {
            message.release();
            if (worker) {
                work.offer(flow);
            } else {
                holder[0].send(flow, OK.duplicate());
            }
        };
        SipTransports transports = SipTransports.start(TransportConfig.builder().host("127.0.0.1").udp(0)
                .ioThreads(1).nativeTransport(!nio).build(), receiver);
        holder[0] = transports;
        if (worker) {
            Thread answering = new Thread(() -> {
                try {
                    while (true) {
                        transports.send(work.take(), OK.duplicate());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "worker");
            answering.setDaemon(true);
            answering.start();
        }
        LongAdder answers = new LongAdder();
        InetSocketAddress target = transports.localAddress(Transport.UDP);
        byte[] request = SipText.bytes(SipText.options(1));
        for (int c = 0; c < clients; c++) {
            Thread client = new Thread(() -> runClient(target, request, window, answers), "client-" + c);
            client.setDaemon(true);
            client.start();
        }
        Thread.sleep(2000); // warm-up, left out of the figures
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuBefore = ioCpuNanos(threads);
        long answersBefore = answers.sum();
        long inBefore = transports.stats().received();
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = (ioCpuNanos(threads) - cpuBefore) / 1e9;
        long in = transports.stats().received() - inBefore;
        long out = answers.sum() - answersBefore;
        System.out.printf("%s, answered on %s: %.0f datagrams/s in, %.0f answers/s back at the clients; "
                        + "sip-io thread CPU %.0f%% of one core, %.1f us per datagram in+out; dropped %d%n",
                transports.isNative() ? "epoll" : "nio", worker ? "a worker thread" : "the event loop",
                in / elapsed, out / elapsed, 100 * cpu / elapsed, cpu * 1e6 / (in + out),
                transports.stats().droppedNotWritable());
        transports.close();
        System.exit(0);
    }

    private static long ioCpuNanos(ThreadMXBean threads) {
        long total = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("sip-io")) {
                total += threads.getThreadCpuTime(thread.getId());
            }
        }
        return total;
    }

    private static void runClient(InetSocketAddress target, byte[] request, int window, LongAdder answers) {
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.bind(new InetSocketAddress("127.0.0.1", 0));
            channel.connect(target);
            channel.socket().setSoTimeout(200);
            ByteBuffer out = ByteBuffer.wrap(request);
            ByteBuffer in = ByteBuffer.allocate(65536);
            for (int i = 0; i < window; i++) {
                channel.write(out.rewind());
            }
            while (true) {
                in.clear();
                if (channel.socket().getChannel().read(in) > 0) {
                    answers.increment();
                    channel.write(out.rewind());
                }
            }
        } catch (Exception e) {
            System.err.println("client stopped: " + e);
        }
    }
}
