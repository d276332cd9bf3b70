package io.edgegw.core.receipt;

import io.edgegw.core.config.RedisConfig;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The Lettuce client each user of {@code cluster.redis} builds for itself, the same way. */
final class RedisClients {
    private RedisClients() {
    }

    /** One I/O and one worker thread; reconnects backing off from 0.1 s, doubling, to 5 s. */
    static ClientResources resources() {
        return DefaultClientResources.builder().ioThreadPoolSize(1).computationThreadPoolSize(1)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(5), 2,
                        TimeUnit.MILLISECONDS))
                .build();
    }

    /**
     * A client of {@code config}'s Redis: while disconnected a command fails at once, so nothing queues up unbounded in
     * the client (at most {@code requestQueueSize} while connected); the config's connect timeout, and its command
     * timeout for the blocking API only (the asynchronous users time their rounds themselves).
     */
    static RedisClient client(ClientResources resources, RedisConfig config, int requestQueueSize) {
        RedisURI uri = RedisURI.create(config.uri());
        uri.setTimeout(Duration.ofMillis(config.commandTimeoutMillis()));
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(requestQueueSize)
                .socketOptions(SocketOptions.builder().tcpNoDelay(true)
                        .connectTimeout(Duration.ofMillis(config.connectTimeoutMillis())).build())
                // no per-command timer: each user awaits its round with its own deadline (commandTimeoutMillis) and
                // cancels what did not come; Lettuce's timeout scheduled a task per command, 8 % of its I/O thread
                .timeoutOptions(TimeoutOptions.create())
                .build());
        return client;
    }

    /**
     * When to try Redis again after a failure (a connection attempt, a round of commands): 100 ms after the first,
     * doubling to 5 s, back to none after a success. The owning thread's only.
     */
    static final class Backoff {
        private static final long FIRST_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
        private static final long MAX_NANOS = TimeUnit.SECONDS.toNanos(5);
        private long nanos;
        private long againAt;

        /** A failure at {@code now}: nothing more until the next try is due. */
        void failed(long now) {
            nanos = nanos == 0 ? FIRST_NANOS : Math.min(MAX_NANOS, 2 * nanos);
            againAt = now + nanos;
        }

        void succeeded() {
            nanos = 0;
        }

        /** The next try is due. */
        boolean due(long now) {
            return now - againAt >= 0;
        }
    }
}
