package io.edgegw.core.tenant;

import io.edgegw.core.config.TenantConfig;
import io.edgegw.core.message.SmppStatus;
import io.edgegw.core.queue.QueueDepth;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a tenant may submit right now: its queue quota (messages and bytes waiting on disk) and its token bucket.
 * Checked on the connector's event loop before the ring; lock-free, allocation-free. A refusal is flow control,
 * not bad input: counted always, logged at most once a minute per tenant and reason.
 */
public final class TenantGate {
    private static final Logger LOG = LoggerFactory.getLogger(TenantGate.class);
    private static final long LOG_EVERY_NANOS = 60_000_000_000L;

    private final String tenantId;
    private final TenantConfig config;
    private final QueueDepth depth;
    /** Its scheduled queue's depth (an empty one where the caller has none): it counts toward the same quota. */
    private final QueueDepth scheduled;
    private final SubmitRate rate;
    private final long maxBytes;
    private final Counter throttled;
    private final Counter quotaRefused;
    private final Counter ringRefused;
    private final Counter scheduleRefused;
    private final AtomicLong lastScheduleLog = new AtomicLong(Long.MIN_VALUE / 2);
    private final AtomicLong lastThrottleLog = new AtomicLong(Long.MIN_VALUE / 2);
    private final AtomicLong lastQuotaLog = new AtomicLong(Long.MIN_VALUE / 2);

    public TenantGate(TenantConfig config, QueueDepth depth, MeterRegistry meters) {
        this(config, depth, new QueueDepth(), meters);
    }

    /** @param scheduled its scheduled queue's depth, counted with {@code depth} toward queueMaxMessages/Megabytes */
    public TenantGate(TenantConfig config, QueueDepth depth, QueueDepth scheduled, MeterRegistry meters) {
        this.tenantId = config.id();
        this.config = config;
        this.depth = depth;
        this.scheduled = scheduled;
        this.rate = config.submitsPerSecond() > 0
                ? new SubmitRate(config.submitsPerSecond(), config.submitBurst(), System.nanoTime()) : null;
        this.maxBytes = config.queueMaxMegabytes() << 20;
        this.throttled = refusals(meters, "rate");
        this.quotaRefused = refusals(meters, "queue_quota");
        this.ringRefused = refusals(meters, "busy");
        this.scheduleRefused = refusals(meters, "schedule");
    }

    private Counter refusals(MeterRegistry meters, String reason) {
        return Counter.builder("edge_tenant_submits_refused").tag("tenant", tenantId).tag("reason", reason)
                .description("submit_sm answered with a refusal before reaching the queue").register(meters);
    }

    public String tenantId() {
        return tenantId;
    }

    /**
     * The validity end (epoch ms) a submit is journaled with: its own when it has one, else the tenant's
     * {@code defaultValiditySeconds} from now, else 0 (none).
     */
    public long validUntil(long requestedMillis) {
        long d = config.limits().defaultValidityMillis();
        return requestedMillis != 0 || d == 0 ? requestedMillis : System.currentTimeMillis() + d;
    }

    /**
     * Whether a submit due at {@code dueMillis} may be taken: due before its validity ends ({@code validUntilMillis},
     * 0 = none) and no further ahead than the tenant's {@code maxScheduleAheadSeconds}. A refusal is counted and
     * logged once a minute; the connector answers ESME_RINVSCHED.
     */
    public boolean schedulable(long dueMillis, long validUntilMillis) {
        long now = System.currentTimeMillis();
        boolean pastValidity = validUntilMillis != 0 && dueMillis - validUntilMillis >= 0;
        if (!pastValidity && dueMillis - now <= config.limits().maxScheduleAheadMillis()) {
            return true;
        }
        scheduleRefused.increment();
        if (due(lastScheduleLog, System.nanoTime())) {
            LOG.warn("tenant {}: submit_sm refused ESME_RINVSCHED: schedule_delivery_time {} s ahead is {} (logged "
                    + "once a minute)", tenantId, (dueMillis - now) / 1000, pastValidity ? "at or past its validity"
                    : "beyond maxScheduleAheadSeconds " + config.limits().maxScheduleAheadSeconds());
        }
        return false;
    }

    /** {@link SmppStatus#ESME_ROK} when the tenant may submit one more message now, else the status to answer. */
    public int admit(long nowNanos) {
        long waiting = depth.depth() + scheduled.depth();
        long bytes = depth.bytes() + scheduled.bytes();
        if (waiting >= config.queueMaxMessages() || bytes >= maxBytes) {
            quotaRefused.increment();
            if (due(lastQuotaLog, nowNanos)) {
                LOG.warn("tenant {}: queue quota reached ({} messages, {} bytes waiting; quota {} messages, {} MB); "
                        + "submits answered ESME_RMSGQFUL (logged once a minute)", tenantId, waiting,
                        bytes, config.queueMaxMessages(), config.queueMaxMegabytes());
            }
            return SmppStatus.ESME_RMSGQFUL;
        }
        if (rate != null && !rate.tryAcquire(nowNanos)) {
            throttled.increment();
            if (due(lastThrottleLog, nowNanos)) {
                LOG.warn("tenant {}: over its rate of {} submits/s (burst {}); submits answered ESME_RTHROTTLED "
                        + "(logged once a minute)", tenantId, config.submitsPerSecond(), config.submitBurst());
            }
            return SmppStatus.ESME_RTHROTTLED;
        }
        return SmppStatus.ESME_ROK;
    }

    /** The ring or the disk guard refused a submit this gate had admitted. */
    public void busy() {
        ringRefused.increment();
    }

    private static boolean due(AtomicLong last, long now) {
        long l = last.get();
        return now - l >= LOG_EVERY_NANOS && last.compareAndSet(l, now);
    }
}
