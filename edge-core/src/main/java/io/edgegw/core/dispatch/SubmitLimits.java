package io.edgegw.core.dispatch;

import io.edgegw.core.config.MessageLimits;
import io.edgegw.core.log.OncePerMinute;
import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When one tenant's message stops being tried: once it is older than the tenant's maximum age or past its own
 * validity (checked whenever it is taken from the queue or from the retries, so a message that waited on disk while
 * no carrier could take it ends too), or once its attempts are used up. Throttling answers use no attempt; only the
 * age bounds them. Dispatcher thread only.
 */
final class SubmitLimits {
    private static final Logger LOG = LoggerFactory.getLogger(SubmitLimits.class);

    private final String tenantId;
    private final long maxAgeMillis;
    final int maxAttempts;
    private final Counter expired;
    private final Counter exhausted;
    private final OncePerMinute warnings;
    /** Made once, so a warning check allocates nothing. */
    private final String expiredKey;
    private final String exhaustedKey;

    SubmitLimits(String tenantId, MessageLimits limits, Counter expired, Counter exhausted, OncePerMinute warnings) {
        this.tenantId = tenantId;
        this.maxAgeMillis = limits.maxMessageAgeMillis();
        this.maxAttempts = limits.maxSubmitAttempts();
        this.expired = expired;
        this.exhausted = exhausted;
        this.warnings = warnings;
        this.expiredKey = "expired|" + tenantId;
        this.exhaustedKey = "exhausted|" + tenantId;
    }

    /**
     * Past the tenant's maximum age (counted from its due time when it was scheduled), or its own validity when that
     * ends sooner.
     */
    boolean isExpired(InFlightSubmit s, long nowMillis) {
        long end = s.ageFromMillis + maxAgeMillis;
        if (s.validUntilMillis != 0 && s.validUntilMillis < end) {
            end = s.validUntilMillis;
        }
        return nowMillis - end >= 0;
    }

    /** Counts one more offer answered with an error or not at all; true when that was its last. */
    boolean attemptUsed(InFlightSubmit s) {
        return ++s.attempts >= maxAttempts;
    }

    void expired(InFlightSubmit s, long nowMillis) {
        expired.increment();
        if (warnings.allow(expiredKey)) {
            LOG.warn("tenant {}: message {} expired after {} s ({}), {} attempts; EXPIRED receipt if asked for "
                    + "(counted in edge_tenant_submits_expired_total; logged once a minute per tenant)", tenantId,
                    s.gatewayIdText, (nowMillis - s.ageFromMillis) / 1000,
                    s.validUntilMillis != 0 && s.validUntilMillis < s.ageFromMillis + maxAgeMillis
                            ? "its validity_period" : "maxMessageAgeSeconds", s.attempts);
        }
    }

    void exhausted(InFlightSubmit s, int lastStatus) {
        exhausted.increment();
        if (warnings.allow(exhaustedKey)) {
            LOG.warn("tenant {}: message {} given up after {} attempts, the last on bind {} ({}); UNDELIV receipt if "
                    + "asked for (counted in edge_tenant_submits_attempts_exhausted_total; logged once a minute per "
                    + "tenant)", tenantId, s.gatewayIdText, s.attempts, s.lastBind == null ? "-" : s.lastBind.name(),
                    lastStatus == Inbox.UNANSWERED ? "no answer" : "status 0x" + Integer.toHexString(lastStatus));
        }
    }
}
