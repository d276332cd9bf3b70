package io.edgegw.core.config;

import io.edgegw.core.address.AddressRules;
import io.edgegw.core.text.Alphabet;
import io.edgegw.core.text.DataCoding;

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
 * @param extensions        what connectors' config sections read from its own keys (e.g. where its calls come from)
 * @param limits            when its messages are given up: age and attempts toward carriers, attempts toward it
 * @param addresses         which sender ids it may use and how its destinations become E.164; NONE = as today
 * @param defaultAlphabet   what its data_coding 0 means (its SMSC default alphabet): GSM 7-bit, IA5 or Latin-1
 */
public record TenantConfig(String id, String systemId, String password, int window, int maxBinds,
                           int submitsPerSecond, int submitBurst, long queueMaxMessages, long queueMaxMegabytes,
                           int weight, List<String> allowedSources, List<String> numbers,
                           Extensions extensions, MessageLimits limits, AddressRules addresses,
                           Alphabet defaultAlphabet) {
    public static final long DEFAULT_QUEUE_MAX_MESSAGES = 10_000_000L;
    public static final long DEFAULT_QUEUE_MAX_MEGABYTES = 4096L;
    /**
     * What every key left out of a tenant takes (its id, systemId and password are blank here: they have no default).
     * The burst of a tenant with a rate but no burst is one second's worth, not this one.
     */
    public static final TenantConfig DEFAULTS = new TenantConfig("", "", "", 100, 10, 0, 1, DEFAULT_QUEUE_MAX_MESSAGES,
            DEFAULT_QUEUE_MAX_MEGABYTES, 1, List.of(), List.of(), Extensions.NONE, MessageLimits.DEFAULTS,
            AddressRules.NONE, Alphabet.GSM7);

    /** A tenant with no rate limit, the default quotas, weight 1, any source and no numbers. */
    public TenantConfig(String id, String systemId, String password, int window, int maxBinds) {
        this(id, systemId, password, window, maxBinds, 0, 1, DEFAULT_QUEUE_MAX_MESSAGES, DEFAULT_QUEUE_MAX_MEGABYTES,
                1, List.of(), List.of());
    }

    /** A tenant whose data_coding 0 is GSM 7-bit. */
    public TenantConfig(String id, String systemId, String password, int window, int maxBinds, int submitsPerSecond,
                        int submitBurst, long queueMaxMessages, long queueMaxMegabytes, int weight,
                        List<String> allowedSources, List<String> numbers, Extensions extensions,
                        MessageLimits limits, AddressRules addresses) {
        this(id, systemId, password, window, maxBinds, submitsPerSecond, submitBurst, queueMaxMessages,
                queueMaxMegabytes, weight, allowedSources, numbers, extensions, limits, addresses, Alphabet.GSM7);
    }

    /** A tenant with no address rules. */
    public TenantConfig(String id, String systemId, String password, int window, int maxBinds, int submitsPerSecond,
                        int submitBurst, long queueMaxMessages, long queueMaxMegabytes, int weight,
                        List<String> allowedSources, List<String> numbers, Extensions extensions,
                        MessageLimits limits) {
        this(id, systemId, password, window, maxBinds, submitsPerSecond, submitBurst, queueMaxMessages,
                queueMaxMegabytes, weight, allowedSources, numbers, extensions, limits, AddressRules.NONE);
    }

    /** A tenant with the default message limits. */
    public TenantConfig(String id, String systemId, String password, int window, int maxBinds, int submitsPerSecond,
                        int submitBurst, long queueMaxMessages, long queueMaxMegabytes, int weight,
                        List<String> allowedSources, List<String> numbers, Extensions extensions) {
        this(id, systemId, password, window, maxBinds, submitsPerSecond, submitBurst, queueMaxMessages,
                queueMaxMegabytes, weight, allowedSources, numbers, extensions, MessageLimits.DEFAULTS);
    }

    /** A tenant with no connector extensions. */
    public TenantConfig(String id, String systemId, String password, int window, int maxBinds, int submitsPerSecond,
                        int submitBurst, long queueMaxMessages, long queueMaxMegabytes, int weight,
                        List<String> allowedSources, List<String> numbers) {
        this(id, systemId, password, window, maxBinds, submitsPerSecond, submitBurst, queueMaxMessages,
                queueMaxMegabytes, weight, allowedSources, numbers, Extensions.NONE);
    }

    public TenantConfig {
        allowedSources = List.copyOf(allowedSources);
        numbers = List.copyOf(numbers);
        extensions = extensions == null ? Extensions.NONE : extensions;
        limits = limits == null ? MessageLimits.DEFAULTS : limits;
        addresses = addresses == null ? AddressRules.NONE : addresses;
        defaultAlphabet = defaultAlphabet == null ? Alphabet.GSM7 : defaultAlphabet;
        DataCoding.alphabet(DataCoding.SMSC_DEFAULT, defaultAlphabet); // refuses one that cannot be an SMSC default
    }

    /** The same tenant with a rate limit; for tests and embedded set-ups. */
    public TenantConfig withRate(int perSecond, int burst) {
        return new TenantConfig(id, systemId, password, window, maxBinds, perSecond, burst, queueMaxMessages,
                queueMaxMegabytes, weight, allowedSources, numbers, extensions, limits, addresses, defaultAlphabet);
    }

    /** The same tenant with another bind limit (0: it may bind none). */
    public TenantConfig withMaxBinds(int binds) {
        return new TenantConfig(id, systemId, password, window, binds, submitsPerSecond, submitBurst, queueMaxMessages,
                queueMaxMegabytes, weight, allowedSources, numbers, extensions, limits, addresses, defaultAlphabet);
    }

    /** The same tenant with other queue quotas. */
    public TenantConfig withQueueQuota(long maxMessages, long maxMegabytes) {
        return new TenantConfig(id, systemId, password, window, maxBinds, submitsPerSecond, submitBurst, maxMessages,
                maxMegabytes, weight, allowedSources, numbers, extensions, limits, addresses, defaultAlphabet);
    }

    public TenantConfig withWeight(int w) {
        return new TenantConfig(id, systemId, password, window, maxBinds, submitsPerSecond, submitBurst,
                queueMaxMessages, queueMaxMegabytes, w, allowedSources, numbers, extensions, limits, addresses,
                defaultAlphabet);
    }

    public TenantConfig withAllowedSources(List<String> sources) {
        return new TenantConfig(id, systemId, password, window, maxBinds, submitsPerSecond, submitBurst,
                queueMaxMessages, queueMaxMegabytes, weight, sources, numbers, extensions, limits, addresses,
                defaultAlphabet);
    }

    public TenantConfig withNumbers(List<String> owned) {
        return new TenantConfig(id, systemId, password, window, maxBinds, submitsPerSecond, submitBurst,
                queueMaxMessages, queueMaxMegabytes, weight, allowedSources, owned, extensions, limits, addresses,
                defaultAlphabet);
    }

    /** A connector's extension of that record type, or null when it has none. */
    public <T> T extension(Class<T> type) {
        return extensions.get(type);
    }

    /** The same tenant with {@code extension} in place of the one of its type. */
    public TenantConfig withExtension(Object extension) {
        return new TenantConfig(id, systemId, password, window, maxBinds, submitsPerSecond, submitBurst,
                queueMaxMessages, queueMaxMegabytes, weight, allowedSources, numbers, extensions.with(extension),
                limits, addresses, defaultAlphabet);
    }

    /** The same tenant with other message limits. */
    public TenantConfig withLimits(MessageLimits l) {
        return new TenantConfig(id, systemId, password, window, maxBinds, submitsPerSecond, submitBurst,
                queueMaxMessages, queueMaxMegabytes, weight, allowedSources, numbers, extensions, l, addresses,
                defaultAlphabet);
    }

    /** The same tenant with other address rules. */
    public TenantConfig withAddresses(AddressRules a) {
        return new TenantConfig(id, systemId, password, window, maxBinds, submitsPerSecond, submitBurst,
                queueMaxMessages, queueMaxMegabytes, weight, allowedSources, numbers, extensions, limits, a,
                defaultAlphabet);
    }

    /** The same tenant with another SMSC default alphabet (what its data_coding 0 means). */
    public TenantConfig withDefaultAlphabet(Alphabet a) {
        return new TenantConfig(id, systemId, password, window, maxBinds, submitsPerSecond, submitBurst,
                queueMaxMessages, queueMaxMegabytes, weight, allowedSources, numbers, extensions, limits, addresses, a);
    }
}
