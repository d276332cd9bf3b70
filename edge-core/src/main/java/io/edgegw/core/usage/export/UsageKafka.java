package io.edgegw.core.usage.export;

import io.edgegw.core.config.UsageConfig;
import io.edgegw.core.usage.UsageRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The Kafka export: each event published to {@code usage.kafka.topic}, key = its event id, value = its JSON line
 * ({@link UsageJson}), by a producer with {@code acks=all} and idempotence on. At most {@link #WINDOW} events are in
 * flight; an event is durable once the broker acknowledged it and every event before it (the callbacks of different
 * partitions come in any order, so {@link #durable()} advances over the acknowledged prefix only). A failed publish
 * marks everything in flight {@link #lost()}: the export closes this producer, backs off and publishes again from its
 * committed position with a new one. A broker that is down thus stops the window from draining and the export from
 * reading; the gateway's traffic never sees it.
 */
final class UsageKafka implements UsageSink {
    private static final Logger LOG = LoggerFactory.getLogger(UsageKafka.class);
    /** Events published and not yet acknowledged, at most. */
    static final int WINDOW = 8192;
    /** How long a send may wait for the topic's metadata (a broker down) before the export backs off. */
    static final int MAX_BLOCK_MILLIS = 5_000;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final UsageConfig.Kafka config;
    private final long[] indices = new long[WINDOW];
    /** Per slot: the producer generation whose broker acknowledged it; anything else is not yet acknowledged. */
    private final AtomicIntegerArray acked = new AtomicIntegerArray(WINDOW);
    private KafkaProducer<String, String> producer;
    /** Bumped at each new producer, so a late callback of an old one acknowledges nothing. */
    private volatile int generation = 1;
    private volatile boolean lost;
    private volatile String lostWhy;
    /** Sequence numbers of the oldest event not yet retired and of the next one published. */
    private long head;
    private long tail;
    private long durable;
    private volatile long exported;

    UsageKafka(UsageConfig.Kafka config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public boolean ready() {
        // after a failure nothing more is sent: a send that cannot reach a broker waits max.block.ms, and fails
        // through its callback rather than by throwing
        return !lost && tail - head <= WINDOW - UsageRecord.MAX_BATCH; // room for a whole document's events
    }

    @Override
    public void take(long journalIndex, UsageJson event) {
        if (producer == null) {
            producer = new KafkaProducer<>(properties(), new StringSerializer(), new StringSerializer());
        }
        event.render(journalIndex);
        int slot = (int) (tail % WINDOW);
        int gen = generation;
        indices[slot] = event.last() ? journalIndex : -1; // a document is durable once its last event is
        acked.set(slot, 0);
        producer.send(new ProducerRecord<>(config.topic(), UsageJson.eventId(journalIndex, event.ordinal()),
                        event.lineString()),
                (metadata, e) -> {
                    if (gen != generation) {
                        return;
                    }
                    if (e == null) {
                        acked.set(slot, gen);
                    } else {
                        lostWhy = e.toString();
                        lost = true;
                    }
                });
        tail++;
    }

    private Map<String, Object> properties() {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        if (config.clientId() != null) {
            p.put(ProducerConfig.CLIENT_ID_CONFIG, config.clientId());
        }
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MILLIS);
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5_000);
        return p;
    }

    @Override
    public void endOfPass(boolean idle) {
        retire();
    }

    /** Moves {@link #durable} over the acknowledged prefix. */
    private void retire() {
        int gen = generation;
        long n = 0;
        while (head < tail) {
            int slot = (int) (head % WINDOW);
            if (acked.get(slot) != gen) {
                break;
            }
            if (indices[slot] >= 0) {
                durable = indices[slot];
            }
            head++;
            n++;
        }
        if (n > 0) {
            exported += n;
        }
    }

    @Override
    public long durable() {
        return durable;
    }

    @Override
    public long exported() {
        return exported;
    }

    @Override
    public String lost() {
        if (lost) {
            retire(); // what was acknowledged before the failure stays durable
            return "a publish failed (" + lostWhy + ")";
        }
        return null;
    }

    @Override
    public void reset(long committed) {
        generation++;
        KafkaProducer<String, String> p = producer;
        producer = null;
        if (p != null) {
            p.close(Duration.ZERO); // what is in flight is published again by the next producer
        }
        head = 0;
        tail = 0;
        durable = committed;
        lost = false;
        lostWhy = null;
    }

    /** Waits a little for what is in flight, so a clean stop commits it and does not publish it again. */
    @Override
    public void close() {
        KafkaProducer<String, String> p = producer;
        producer = null;
        if (p != null) {
            try {
                p.close(CLOSE_WAIT);
            } catch (RuntimeException e) {
                LOG.warn("usage export kafka: producer not closed cleanly: {}", e.toString());
            }
            if (!lost) {
                retire();
            }
        }
    }
}
