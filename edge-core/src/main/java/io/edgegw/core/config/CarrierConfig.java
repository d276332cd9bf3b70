package io.edgegw.core.config;

import io.edgegw.core.text.Alphabet;
import io.edgegw.core.text.DataCoding;

import java.util.List;

/**
 * A carrier reached over SMPP: several endpoints, {@code bindsPerEndpoint} binds of {@code bindType} to each
 * (plus, for {@link CarrierBindType#SPLIT}, one receiver bind per endpoint).
 *
 * @param responseTimeoutMillis a submit_sm with no response after this long goes back to be sent again
 * @param reconnectDelayMillis  first delay before reconnecting a lost bind
 * @param maxSubmitsPerSecond   most submit_sm per second to this carrier over all its binds; 0 = no limit
 * @param bindMaxSubmitsPerSecond most submit_sm per second on any one bind; 0 = no limit
 * @param bindType              transceiver, transmitter only, or split transmitter + receiver binds
 * @param reconnectMaxDelayMillis longest delay between reconnect attempts; at least {@code reconnectDelayMillis}
 * @param extensions            what connectors' config sections read from its own keys (e.g. a call trunk)
 * @param receiptIds            how its receipt ids relate to its submit_sm_resp ids; the only way tried to match them
 * @param tls                   how its {@code tls} endpoints are reached over TLS; null when it has none
 * @param maxValiditySeconds    longest validity_period sent to it: a message's remaining validity is clipped to this,
 *                              and a message without one is sent with this; 0 = no bound (only the message's own)
 * @param defaultAlphabet       what its data_coding 0 means (its SMSC default alphabet): GSM 7-bit, IA5 or Latin-1
 * @param longMessages          how it takes a message longer than one segment: whole, or split into UDH or SAR parts
 */
public record CarrierConfig(
        String id,
        List<EndpointConfig> endpoints,
        int bindsPerEndpoint,
        String systemId,
        String password,
        String systemType,
        int window,
        int enquireLinkSeconds,
        int responseTimeoutMillis,
        int reconnectDelayMillis,
        int maxSubmitsPerSecond,
        int bindMaxSubmitsPerSecond,
        CarrierBindType bindType,
        int reconnectMaxDelayMillis,
        Extensions extensions,
        ReceiptIds receiptIds,
        CarrierTlsConfig tls,
        int maxValiditySeconds,
        Alphabet defaultAlphabet,
        LongMessages longMessages) {

    public static final int DEFAULT_RECONNECT_MAX_DELAY_MILLIS = 30_000;
    /**
     * What every key left out of a carrier takes (its id, endpoints and credentials are blank here: they have no
     * default). The reconnect ceiling of a carrier whose first delay is longer is that delay, not this one.
     */
    public static final CarrierConfig DEFAULTS = new CarrierConfig("", List.of(), 1, "", "", "", 100, 30, 10_000, 500,
            0, 0, CarrierBindType.TRANSCEIVER, DEFAULT_RECONNECT_MAX_DELAY_MILLIS, Extensions.NONE, ReceiptIds.AS_IS,
            null, 0, Alphabet.GSM7, LongMessages.PAYLOAD);

    public CarrierConfig {
        if (bindType == null) {
            bindType = CarrierBindType.TRANSCEIVER;
        }
        if (receiptIds == null) {
            receiptIds = ReceiptIds.AS_IS;
        }
        if (extensions == null) {
            extensions = Extensions.NONE;
        }
        if (tls == null && endpoints != null && endpoints.stream().anyMatch(EndpointConfig::tls)) {
            tls = CarrierTlsConfig.DEFAULTS;
        }
        if (maxValiditySeconds < 0) {
            throw new IllegalArgumentException("maxValiditySeconds must be 0 or more: " + maxValiditySeconds);
        }
        defaultAlphabet = defaultAlphabet == null ? Alphabet.GSM7 : defaultAlphabet;
        DataCoding.alphabet(DataCoding.SMSC_DEFAULT, defaultAlphabet); // refuses one that cannot be an SMSC default
        longMessages = longMessages == null ? LongMessages.PAYLOAD : longMessages;
    }

    /** A carrier that takes long messages whole. */
    public CarrierConfig(String id, List<EndpointConfig> endpoints, int bindsPerEndpoint, String systemId,
                         String password, String systemType, int window, int enquireLinkSeconds,
                         int responseTimeoutMillis, int reconnectDelayMillis, int maxSubmitsPerSecond,
                         int bindMaxSubmitsPerSecond, CarrierBindType bindType, int reconnectMaxDelayMillis,
                         Extensions extensions, ReceiptIds receiptIds, CarrierTlsConfig tls, int maxValiditySeconds,
                         Alphabet defaultAlphabet) {
        this(id, endpoints, bindsPerEndpoint, systemId, password, systemType, window, enquireLinkSeconds,
                responseTimeoutMillis, reconnectDelayMillis, maxSubmitsPerSecond, bindMaxSubmitsPerSecond, bindType,
                reconnectMaxDelayMillis, extensions, receiptIds, tls, maxValiditySeconds, defaultAlphabet,
                LongMessages.PAYLOAD);
    }

    /** A carrier whose data_coding 0 is GSM 7-bit. */
    public CarrierConfig(String id, List<EndpointConfig> endpoints, int bindsPerEndpoint, String systemId,
                         String password, String systemType, int window, int enquireLinkSeconds,
                         int responseTimeoutMillis, int reconnectDelayMillis, int maxSubmitsPerSecond,
                         int bindMaxSubmitsPerSecond, CarrierBindType bindType, int reconnectMaxDelayMillis,
                         Extensions extensions, ReceiptIds receiptIds, CarrierTlsConfig tls, int maxValiditySeconds) {
        this(id, endpoints, bindsPerEndpoint, systemId, password, systemType, window, enquireLinkSeconds,
                responseTimeoutMillis, reconnectDelayMillis, maxSubmitsPerSecond, bindMaxSubmitsPerSecond, bindType,
                reconnectMaxDelayMillis, extensions, receiptIds, tls, maxValiditySeconds, Alphabet.GSM7);
    }

    /** A carrier with no validity bound of its own. */
    public CarrierConfig(String id, List<EndpointConfig> endpoints, int bindsPerEndpoint, String systemId,
                         String password, String systemType, int window, int enquireLinkSeconds,
                         int responseTimeoutMillis, int reconnectDelayMillis, int maxSubmitsPerSecond,
                         int bindMaxSubmitsPerSecond, CarrierBindType bindType, int reconnectMaxDelayMillis,
                         Extensions extensions, ReceiptIds receiptIds, CarrierTlsConfig tls) {
        this(id, endpoints, bindsPerEndpoint, systemId, password, systemType, window, enquireLinkSeconds,
                responseTimeoutMillis, reconnectDelayMillis, maxSubmitsPerSecond, bindMaxSubmitsPerSecond, bindType,
                reconnectMaxDelayMillis, extensions, receiptIds, tls, 0);
    }

    /** A carrier without TLS settings (TLS endpoints, if any, with the JDK's trust store). */
    public CarrierConfig(String id, List<EndpointConfig> endpoints, int bindsPerEndpoint, String systemId,
                         String password, String systemType, int window, int enquireLinkSeconds,
                         int responseTimeoutMillis, int reconnectDelayMillis, int maxSubmitsPerSecond,
                         int bindMaxSubmitsPerSecond, CarrierBindType bindType, int reconnectMaxDelayMillis,
                         Extensions extensions, ReceiptIds receiptIds) {
        this(id, endpoints, bindsPerEndpoint, systemId, password, systemType, window, enquireLinkSeconds,
                responseTimeoutMillis, reconnectDelayMillis, maxSubmitsPerSecond, bindMaxSubmitsPerSecond, bindType,
                reconnectMaxDelayMillis, extensions, receiptIds, null);
    }

    /** A carrier with no connector extensions. */
    public CarrierConfig(String id, List<EndpointConfig> endpoints, int bindsPerEndpoint, String systemId,
                         String password, String systemType, int window, int enquireLinkSeconds,
                         int responseTimeoutMillis, int reconnectDelayMillis, int maxSubmitsPerSecond,
                         int bindMaxSubmitsPerSecond, CarrierBindType bindType, int reconnectMaxDelayMillis) {
        this(id, endpoints, bindsPerEndpoint, systemId, password, systemType, window, enquireLinkSeconds,
                responseTimeoutMillis, reconnectDelayMillis, maxSubmitsPerSecond, bindMaxSubmitsPerSecond, bindType,
                reconnectMaxDelayMillis, Extensions.NONE, ReceiptIds.AS_IS);
    }

    /** A carrier without rate limits. */
    public CarrierConfig(String id, List<EndpointConfig> endpoints, int bindsPerEndpoint, String systemId,
                         String password, String systemType, int window, int enquireLinkSeconds,
                         int responseTimeoutMillis, int reconnectDelayMillis) {
        this(id, endpoints, bindsPerEndpoint, systemId, password, systemType, window, enquireLinkSeconds,
                responseTimeoutMillis, reconnectDelayMillis, 0, 0);
    }

    /** A transceiver carrier with the default reconnect ceiling. */
    public CarrierConfig(String id, List<EndpointConfig> endpoints, int bindsPerEndpoint, String systemId,
                         String password, String systemType, int window, int enquireLinkSeconds,
                         int responseTimeoutMillis, int reconnectDelayMillis, int maxSubmitsPerSecond,
                         int bindMaxSubmitsPerSecond) {
        this(id, endpoints, bindsPerEndpoint, systemId, password, systemType, window, enquireLinkSeconds,
                responseTimeoutMillis, reconnectDelayMillis, maxSubmitsPerSecond, bindMaxSubmitsPerSecond,
                CarrierBindType.TRANSCEIVER, Math.max(DEFAULT_RECONNECT_MAX_DELAY_MILLIS, reconnectDelayMillis));
    }

    /** The same carrier bound another way. */
    public CarrierConfig withBindType(CarrierBindType type) {
        return new CarrierConfig(id, endpoints, bindsPerEndpoint, systemId, password, systemType, window,
                enquireLinkSeconds, responseTimeoutMillis, reconnectDelayMillis, maxSubmitsPerSecond,
                bindMaxSubmitsPerSecond, type, reconnectMaxDelayMillis, extensions, receiptIds, tls, maxValiditySeconds,
                defaultAlphabet, longMessages);
    }

    /** A connector's extension of that record type, or null when it has none. */
    public <T> T extension(Class<T> type) {
        return extensions.get(type);
    }

    /** The same carrier with {@code extension} in place of the one of its type. */
    public CarrierConfig withExtension(Object extension) {
        return new CarrierConfig(id, endpoints, bindsPerEndpoint, systemId, password, systemType, window,
                enquireLinkSeconds, responseTimeoutMillis, reconnectDelayMillis, maxSubmitsPerSecond,
                bindMaxSubmitsPerSecond, bindType, reconnectMaxDelayMillis, extensions.with(extension), receiptIds, tls,
                maxValiditySeconds, defaultAlphabet, longMessages);
    }

    /** The same carrier without the extension of that type. */
    public CarrierConfig withoutExtension(Class<?> type) {
        return new CarrierConfig(id, endpoints, bindsPerEndpoint, systemId, password, systemType, window,
                enquireLinkSeconds, responseTimeoutMillis, reconnectDelayMillis, maxSubmitsPerSecond,
                bindMaxSubmitsPerSecond, bindType, reconnectMaxDelayMillis, extensions.without(type), receiptIds, tls,
                maxValiditySeconds, defaultAlphabet, longMessages);
    }

    /** The same carrier reached over TLS with these settings (its endpoints' {@code tls} flags decide which). */
    public CarrierConfig withTls(CarrierTlsConfig settings) {
        return new CarrierConfig(id, endpoints, bindsPerEndpoint, systemId, password, systemType, window,
                enquireLinkSeconds, responseTimeoutMillis, reconnectDelayMillis, maxSubmitsPerSecond,
                bindMaxSubmitsPerSecond, bindType, reconnectMaxDelayMillis, extensions, receiptIds, settings,
                maxValiditySeconds, defaultAlphabet, longMessages);
    }

    /** The same carrier with its receipt ids read another way. */
    public CarrierConfig withReceiptIds(ReceiptIds ids) {
        return new CarrierConfig(id, endpoints, bindsPerEndpoint, systemId, password, systemType, window,
                enquireLinkSeconds, responseTimeoutMillis, reconnectDelayMillis, maxSubmitsPerSecond,
                bindMaxSubmitsPerSecond, bindType, reconnectMaxDelayMillis, extensions, ids, tls,
                maxValiditySeconds, defaultAlphabet, longMessages);
    }

    /** The same carrier with another validity bound. */
    public CarrierConfig withMaxValidity(int seconds) {
        return new CarrierConfig(id, endpoints, bindsPerEndpoint, systemId, password, systemType, window,
                enquireLinkSeconds, responseTimeoutMillis, reconnectDelayMillis, maxSubmitsPerSecond,
                bindMaxSubmitsPerSecond, bindType, reconnectMaxDelayMillis, extensions, receiptIds, tls, seconds,
                defaultAlphabet, longMessages);
    }

    /** The same carrier with another SMSC default alphabet (what its data_coding 0 means). */
    public CarrierConfig withDefaultAlphabet(Alphabet a) {
        return new CarrierConfig(id, endpoints, bindsPerEndpoint, systemId, password, systemType, window,
                enquireLinkSeconds, responseTimeoutMillis, reconnectDelayMillis, maxSubmitsPerSecond,
                bindMaxSubmitsPerSecond, bindType, reconnectMaxDelayMillis, extensions, receiptIds, tls,
                maxValiditySeconds, a, longMessages);
    }

    /** The same carrier taking long messages another way. */
    public CarrierConfig withLongMessages(LongMessages form) {
        return new CarrierConfig(id, endpoints, bindsPerEndpoint, systemId, password, systemType, window,
                enquireLinkSeconds, responseTimeoutMillis, reconnectDelayMillis, maxSubmitsPerSecond,
                bindMaxSubmitsPerSecond, bindType, reconnectMaxDelayMillis, extensions, receiptIds, tls,
                maxValiditySeconds, defaultAlphabet, form);
    }
}
