package io.edgegw.core.config;

import java.util.List;

/**
 * One tenant of the platform.
 *
 * @param id                stable tenant id, names its queues on disk
 * @param systemId          SMPP system_id it binds with
 * @param password          SMPP password (at most 8 characters in SMPP 3.4)
 * @param window            how many deliver_sm the gateway keeps outstanding toward one of its sessions
 * @param maxBinds          how many concurrent binds it may hold
 * @param submitsPerSecond  sustained submit_sm rate it may send (token bucket); 0 = no limit
 * @param submitBurst       how many submit_sm beyond the sustained rate it may send at once (bucket depth)
 * @param queueMaxMessages  most messages waiting in its inbound queue; beyond, submits get ESME_RMSGQFUL
 * @param queueMaxMegabytes most megabytes of message records waiting in its inbound queue; likewise
 * @param weight            its share when tenants compete for the same carriers (deficit round robin)
 * @param allowedSources    IP addresses or CIDR blocks it may bind from; empty = anywhere
 * @param numbers           number prefixes it owns (digits); MO SMS to them is delivered to this tenant
 * @param sipSources        IP addresses or CIDR blocks its SIP calls come from; a call from them is this tenant's
 * @param callsPerSecond    new SIP calls per second it may place (GCRA, burst one second's worth); 0 = no limit
 * @param maxConcurrentCalls SIP calls it may have set up or answered at once; 0 = no limit
 * @param callQueueMillis   longest an INVITE over {@code callsPerSecond} waits for its turn before 503; 0 = no wait
 * @param sipTarget         where inbound calls to its {@code numbers} (its DIDs) are sent (host, port, transport);
 *                          null: it takes no inbound calls (480)
 * @param sipAuth           digest credentials its calls from outside {@code sipSources} must give; null: none
 */
public record TenantConfig(String id, String systemId, String password, int window, int maxBinds,
                           int submitsPerSecond, int submitBurst, long queueMaxMessages, long queueMaxMegabytes,
                           int weight, List<String> allowedSources, List<String> numbers,
                           List<String> sipSources, int callsPerSecond, int maxConcurrentCalls,
                           int callQueueMillis, SipTrunkConfig sipTarget, SipAuthConfig sipAuth) {
    public static final long DEFAULT_QUEUE_MAX_MESSAGES = 10_000_000L;
    /** How long an INVITE over the tenant's calls per second may wait by default. */
    public static final int DEFAULT_CALL_QUEUE_MILLIS = 1000;
    public static final long DEFAULT_QUEUE_MAX_MEGABYTES = 4096L;

    /** A tenant with no rate limit, the default quotas, weight 1, any source and no numbers. */
    public TenantConfig(String id, String systemId, String password, int window, int maxBinds) {
        this(id, systemId, password, window, maxBinds, 0, 1, DEFAULT_QUEUE_MAX_MESSAGES, DEFAULT_QUEUE_MAX_MEGABYTES,
                1, List.of(), List.of(), List.of());
    }

    /** A tenant placing no SIP calls. */
    public TenantConfig(String id, String systemId, String password, int window, int maxBinds, int submitsPerSecond,
                        int submitBurst, long queueMaxMessages, long queueMaxMegabytes, int weight,
                        List<String> allowedSources, List<String> numbers) {
        this(id, systemId, password, window, maxBinds, submitsPerSecond, submitBurst, queueMaxMessages,
                queueMaxMegabytes, weight, allowedSources, numbers, List.of());
    }

    /** A tenant with no limits on its SIP calls. */
    public TenantConfig(String id, String systemId, String password, int window, int maxBinds, int submitsPerSecond,
                        int submitBurst, long queueMaxMessages, long queueMaxMegabytes, int weight,
                        List<String> allowedSources, List<String> numbers, List<String> sipSources) {
        this(id, systemId, password, window, maxBinds, submitsPerSecond, submitBurst, queueMaxMessages,
                queueMaxMegabytes, weight, allowedSources, numbers, sipSources, 0, 0);
    }

    /** A tenant whose INVITEs over its calls per second wait the default {@link #DEFAULT_CALL_QUEUE_MILLIS}. */
    public TenantConfig(String id, String systemId, String password, int window, int maxBinds, int submitsPerSecond,
                        int submitBurst, long queueMaxMessages, long queueMaxMegabytes, int weight,
                        List<String> allowedSources, List<String> numbers, List<String> sipSources,
                        int callsPerSecond, int maxConcurrentCalls) {
        this(id, systemId, password, window, maxBinds, submitsPerSecond, submitBurst, queueMaxMessages,
                queueMaxMegabytes, weight, allowedSources, numbers, sipSources, callsPerSecond, maxConcurrentCalls,
                DEFAULT_CALL_QUEUE_MILLIS);
    }

    /** A tenant taking no inbound calls and giving no SIP digest credentials. */
    public TenantConfig(String id, String systemId, String password, int window, int maxBinds, int submitsPerSecond,
                        int submitBurst, long queueMaxMessages, long queueMaxMegabytes, int weight,
                        List<String> allowedSources, List<String> numbers, List<String> sipSources,
                        int callsPerSecond, int maxConcurrentCalls, int callQueueMillis) {
        this(id, systemId, password, window, maxBinds, submitsPerSecond, submitBurst, queueMaxMessages,
                queueMaxMegabytes, weight, allowedSources, numbers, sipSources, callsPerSecond, maxConcurrentCalls,
                callQueueMillis, null, null);
    }

    /** A tenant with the default call queue and no SIP digest credentials. */
    public TenantConfig(String id, String systemId, String password, int window, int maxBinds, int submitsPerSecond,
                        int submitBurst, long queueMaxMessages, long queueMaxMegabytes, int weight,
                        List<String> allowedSources, List<String> numbers, List<String> sipSources,
                        int callsPerSecond, int maxConcurrentCalls, SipTrunkConfig sipTarget) {
        this(id, systemId, password, window, maxBinds, submitsPerSecond, submitBurst, queueMaxMessages,
                queueMaxMegabytes, weight, allowedSources, numbers, sipSources, callsPerSecond, maxConcurrentCalls,
                DEFAULT_CALL_QUEUE_MILLIS, sipTarget, null);
    }

    public TenantConfig {
        allowedSources = List.copyOf(allowedSources);
        numbers = List.copyOf(numbers);
        sipSources = sipSources == null ? List.of() : List.copyOf(sipSources);
    }

    /** The same tenant with a rate limit; for tests and embedded set-ups. */
    public TenantConfig withRate(int perSecond, int burst) {
        return new TenantConfig(id, systemId, password, window, maxBinds, perSecond, burst, queueMaxMessages,
                queueMaxMegabytes, weight, allowedSources, numbers, sipSources,
                callsPerSecond, maxConcurrentCalls, callQueueMillis, sipTarget, sipAuth);
    }

    /** The same tenant with other queue quotas. */
    public TenantConfig withQueueQuota(long maxMessages, long maxMegabytes) {
        return new TenantConfig(id, systemId, password, window, maxBinds, submitsPerSecond, submitBurst, maxMessages,
                maxMegabytes, weight, allowedSources, numbers, sipSources,
                callsPerSecond, maxConcurrentCalls, callQueueMillis, sipTarget, sipAuth);
    }

    public TenantConfig withWeight(int w) {
        return new TenantConfig(id, systemId, password, window, maxBinds, submitsPerSecond, submitBurst,
                queueMaxMessages, queueMaxMegabytes, w, allowedSources, numbers, sipSources,
                callsPerSecond, maxConcurrentCalls, callQueueMillis, sipTarget, sipAuth);
    }

    public TenantConfig withAllowedSources(List<String> sources) {
        return new TenantConfig(id, systemId, password, window, maxBinds, submitsPerSecond, submitBurst,
                queueMaxMessages, queueMaxMegabytes, weight, sources, numbers, sipSources,
                callsPerSecond, maxConcurrentCalls, callQueueMillis, sipTarget, sipAuth);
    }

    public TenantConfig withSipSources(List<String> sources) {
        return new TenantConfig(id, systemId, password, window, maxBinds, submitsPerSecond, submitBurst,
                queueMaxMessages, queueMaxMegabytes, weight, allowedSources, numbers, sources,
                callsPerSecond, maxConcurrentCalls, callQueueMillis, sipTarget, sipAuth);
    }

    public TenantConfig withNumbers(List<String> owned) {
        return new TenantConfig(id, systemId, password, window, maxBinds, submitsPerSecond, submitBurst,
                queueMaxMessages, queueMaxMegabytes, weight, allowedSources, owned, sipSources,
                callsPerSecond, maxConcurrentCalls, callQueueMillis, sipTarget, sipAuth);
    }

    /** The same tenant with limits on its SIP calls (0 = none). */
    public TenantConfig withCallLimits(int perSecond, int concurrent) {
        return new TenantConfig(id, systemId, password, window, maxBinds, submitsPerSecond, submitBurst,
                queueMaxMessages, queueMaxMegabytes, weight, allowedSources, numbers, sipSources, perSecond,
                concurrent, callQueueMillis, sipTarget, sipAuth);
    }

    /** The same tenant taking inbound calls at {@code target} (null: none). */
    public TenantConfig withSipTarget(SipTrunkConfig target) {
        return new TenantConfig(id, systemId, password, window, maxBinds, submitsPerSecond, submitBurst,
                queueMaxMessages, queueMaxMegabytes, weight, allowedSources, numbers, sipSources, callsPerSecond,
                maxConcurrentCalls, callQueueMillis, target, sipAuth);
    }

    /** The same tenant with SIP digest credentials (null: none). */
    public TenantConfig withSipAuth(SipAuthConfig auth) {
        return new TenantConfig(id, systemId, password, window, maxBinds, submitsPerSecond, submitBurst,
                queueMaxMessages, queueMaxMegabytes, weight, allowedSources, numbers, sipSources, callsPerSecond,
                maxConcurrentCalls, callQueueMillis, sipTarget, auth);
    }
}
