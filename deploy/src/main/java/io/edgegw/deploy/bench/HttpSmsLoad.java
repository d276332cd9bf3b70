package io.edgegw.deploy.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code edge bench-http-load}: sends SMS through an HTTP "sendsms" interface (Kannel's smsbox:
 * {@code GET /cgi-bin/sendsms?username=..&password=..&from=..&to=..&text=..}) as fast as a fixed number of keep-alive
 * connections allow, one request outstanding on each, and reports how many were accepted (any 2xx answer).
 * The HTTP side of deploy/bench/sms-vs-kannel; kept lean (one Netty event loop, no per-request thread or future) so
 * that on a 2-core machine the driver takes as little from the gateway it measures as the SMPP load generator does.
 * Hidden from the launcher's help: a benchmark tool, not an operator's command.
 */
@Command(name = "bench-http-load", hidden = true, mixinStandardHelpOptions = true,
        description = "Send SMS through an HTTP sendsms interface (Kannel's smsbox) over keep-alive connections and "
                + "report how many were accepted.")
public final class HttpSmsLoad implements Callable<Integer> {
    /** Bounds, so a typo cannot open a million sockets or run for ever. */
    static final int MAX_CONNECTIONS = 1_000;
    static final int MAX_RESPONSE_BYTES = 64 * 1024;

    @Option(names = "--url", required = true,
            description = "The sendsms URL without its query, e.g. http://127.0.0.1:13013/cgi-bin/sendsms.")
    URI url;
    @Option(names = "--username", defaultValue = "bench", description = "sendsms user (default: ${DEFAULT-VALUE}).")
    String username;
    @Option(names = "--password", defaultValue = "bench", description = "Its password (default: ${DEFAULT-VALUE}).")
    String password;
    @Option(names = "--messages", defaultValue = "10000", description = "Requests to send (default: ${DEFAULT-VALUE}).")
    int messages;
    @Option(names = "--connections", defaultValue = "32",
            description = "Keep-alive connections, one request outstanding on each (default: ${DEFAULT-VALUE}).")
    int connections;
    @Option(names = "--source", defaultValue = "1000", description = "from= (default: ${DEFAULT-VALUE}).")
    String source;
    @Option(names = "--dest-prefix", defaultValue = "4470",
            description = "Destination prefix (default: ${DEFAULT-VALUE}).")
    String destinationPrefix;
    @Option(names = "--dest-count", defaultValue = "1000000",
            description = "Distinct destination numbers after the prefix (default: ${DEFAULT-VALUE}).")
    int destinationCount;
    @Option(names = "--param", description = "A further query parameter, key=value (repeatable), e.g. dlr-mask=0.")
    List<String> params = List.of();
    @Option(names = "--timeout-s", defaultValue = "600",
            description = "Hard cap on the whole run (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;
    /** Where the report goes (tests read it). */
    PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        if (messages < 1 || connections < 1 || connections > MAX_CONNECTIONS || destinationCount < 1
                || timeoutSeconds < 1) {
            System.err.println("bench-http-load: --messages, --dest-count and --timeout-s must be at least 1, "
                    + "--connections 1-" + MAX_CONNECTIONS);
            return 2;
        }
        if (!"http".equals(url.getScheme()) || url.getHost() == null) {
            System.err.println("bench-http-load: --url must be http://host:port/path (was " + url + ")");
            return 2;
        }
        StringBuilder fixed = new StringBuilder(url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                .append("?username=").append(encode(username)).append("&password=").append(encode(password))
                .append("&from=").append(encode(source));
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq < 1) {
                System.err.println("bench-http-load: --param must be key=value (was '" + p + "')");
                return 2;
            }
            fixed.append('&').append(encode(p.substring(0, eq))).append('=').append(encode(p.substring(eq + 1)));
        }
        Run run = new Run(this, fixed.append("&to=").toString());
        return run.execute(out) ? 0 : 1;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** One run: its counters are touched only on the single event loop thread, so they need no atomics. */
    static final class Run {
        private final HttpSmsLoad options;
        private final String uriHead;
        private final String host;
        private final int port;
        private final int width;
        private final EventLoopGroup group = new NioEventLoopGroup(1);
        private final CountDownLatch done = new CountDownLatch(1);
        private final Histogram latencyMicros = new Histogram(60_000_000L, 3);
        private final Map<Integer, Integer> refusedByStatus = new TreeMap<>();
        private int next;
        private int accepted;
        private int refused;
        private int lost;
        private int reconnects;
        private String failure;
        private long startedNanos;
        private long lastAnswerNanos;

        Run(HttpSmsLoad options, String uriHead) {
            this.options = options;
            this.uriHead = uriHead;
            this.host = options.url.getHost();
            this.port = options.url.getPort() < 0 ? 80 : options.url.getPort();
            this.width = Integer.toString(Math.max(0, options.destinationCount - 1)).length();
        }

        boolean execute(PrintStream out) throws InterruptedException {
            try {
                group.execute(() -> {
                    startedNanos = System.nanoTime();
                    for (int i = 0; i < Math.min(options.connections, options.messages); i++) {
                        connect();
                    }
                });
                boolean finished = done.await(options.timeoutSeconds, TimeUnit.SECONDS);
                Report report = snapshot(finished);
                report.print(out);
                return report.ok();
            } finally {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
            }
        }

        private Report snapshot(boolean finished) throws InterruptedException {
            Report[] r = new Report[1];
            CountDownLatch taken = new CountDownLatch(1);
            group.execute(() -> {
                long end = lastAnswerNanos == 0 ? System.nanoTime() : lastAnswerNanos;
                r[0] = new Report(options.messages, Math.min(next, options.messages), accepted, refused,
                        new TreeMap<>(refusedByStatus), lost, reconnects, finished ? failure : "timed out after "
                        + options.timeoutSeconds + " s", (end - startedNanos) / 1e9, latencyMicros.copy());
                taken.countDown();
            });
            taken.await(5, TimeUnit.SECONDS);
            return r[0];
        }

        private void connect() {
            Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_RESPONSE_BYTES),
                                    new Connection());
                        }
                    });
            b.connect(host, port).addListener((ChannelFuture f) -> {
                if (!f.isSuccess()) {
                    fail("cannot connect to " + host + ":" + port + ": " + f.cause());
                }
            });
        }

        /** Ends the run for good: whatever was not sent is not sent. */
        private void fail(String why) {
            if (failure == null) {
                failure = why;
            }
            done.countDown();
        }

        private boolean allAnswered() {
            return accepted + refused + lost >= options.messages;
        }

        /** One keep-alive connection: one request outstanding, the next sent when its answer arrives. */
        private final class Connection extends SimpleChannelInboundHandler<FullHttpResponse> {
            private long sentNanos;
            private boolean outstanding;

            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                sendNext(ctx.channel());
            }

            private void sendNext(Channel ch) {
                if (next >= options.messages || failure != null) {
                    ch.close();
                    return;
                }
                int n = next++;
                String number = Integer.toString(n % options.destinationCount);
                String uri = uriHead + encode(options.destinationPrefix) + "0".repeat(width - number.length()) + number
                        + "&text=load+message+" + n;
                FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
                request.headers().set(HttpHeaderNames.HOST, host + ":" + port);
                outstanding = true;
                sentNanos = System.nanoTime();
                ch.writeAndFlush(request, ch.voidPromise());
            }

            @Override
            protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
                long now = System.nanoTime();
                outstanding = false;
                lastAnswerNanos = now;
                latencyMicros.recordValue(Math.min(latencyMicros.getHighestTrackableValue(), (now - sentNanos) / 1_000));
                int status = response.status().code();
                if (status / 100 == 2) {
                    accepted++;
                } else {
                    refused++;
                    refusedByStatus.merge(status, 1, Integer::sum);
                }
                if (allAnswered()) {
                    done.countDown();
                    ctx.close();
                } else if (HttpUtil.isKeepAlive(response)) {
                    sendNext(ctx.channel());
                } else {
                    ctx.close(); // the server ends the connection after each answer: a new one takes its place
                }
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                if (outstanding) { // sent, never answered: it may or may not have been taken
                    outstanding = false;
                    lost++;
                    if (allAnswered()) {
                        done.countDown();
                        return;
                    }
                }
                if (next < options.messages && failure == null) {
                    if (++reconnects > Math.max(100, options.messages / 10)) {
                        fail("connections kept closing (" + reconnects + " reconnects)");
                    } else {
                        connect();
                    }
                }
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ctx.close();
            }
        }
    }

    /** What the run saw; {@link #print} writes lines that scripts read by their first word. */
    record Report(int asked, int sent, int accepted, int refused, Map<Integer, Integer> refusedByStatus, int lost,
                  int reconnects, String failure, double seconds, Histogram latencyMicros) {
        boolean ok() {
            return failure == null && accepted == asked;
        }

        void print(PrintStream out) {
            out.println("http load report");
            out.printf("  sent        %d of %d%n", sent, asked);
            out.printf("  accepted    %d (2xx)%n", accepted);
            out.printf("  refused     %d %s%n", refused, refusedByStatus);
            out.printf("  lost        %d (connection closed before the answer)%n", lost);
            out.printf("  reconnects  %d%n", reconnects);
            out.printf("  elapsed     %.3f s%n", seconds);
            out.printf("  throughput  %.0f accepted/s%n", seconds > 0 ? accepted / seconds : 0.0);
            if (latencyMicros.getTotalCount() > 0) {
                out.printf("  latency     p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                        latencyMicros.getValueAtPercentile(50) / 1e3, latencyMicros.getValueAtPercentile(99) / 1e3,
                        latencyMicros.getMaxValue() / 1e3);
            }
            out.println("  result      " + (ok() ? "OK" : "FAILED" + (failure == null ? "" : ": " + failure)));
        }
    }
}
