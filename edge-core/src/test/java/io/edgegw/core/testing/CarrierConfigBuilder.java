package io.edgegw.core.testing;

import io.edgegw.core.config.CarrierBindType;
import io.edgegw.core.config.CarrierConfig;
import io.edgegw.core.config.CarrierTlsConfig;
import io.edgegw.core.config.EndpointConfig;
import io.edgegw.core.config.Extensions;
import io.edgegw.core.config.ReceiptIds;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link CarrierConfig} for a test: {@link CarrierConfig#DEFAULTS} but for what the test sets. As in the YAML, the
 * reconnect ceiling is at least the first reconnect delay unless set.
 */
public final class CarrierConfigBuilder {
    private static final CarrierConfig D = CarrierConfig.DEFAULTS;

    private final String id;
    private final List<EndpointConfig> endpoints = new ArrayList<>();
    private int bindsPerEndpoint = D.bindsPerEndpoint();
    private String systemId = "gw";
    private String password = "pw";
    private String systemType = D.systemType();
    private int window = D.window();
    private int enquireLinkSeconds = D.enquireLinkSeconds();
    private int responseTimeoutMillis = D.responseTimeoutMillis();
    private int reconnectDelayMillis = D.reconnectDelayMillis();
    private Integer reconnectMaxDelayMillis;
    private int maxSubmitsPerSecond = D.maxSubmitsPerSecond();
    private int bindMaxSubmitsPerSecond = D.bindMaxSubmitsPerSecond();
    private CarrierBindType bindType = D.bindType();
    private Extensions extensions = D.extensions();
    private ReceiptIds receiptIds = D.receiptIds();
    private CarrierTlsConfig tls = D.tls();
    private int maxValiditySeconds = D.maxValiditySeconds();

    CarrierConfigBuilder(String id) {
        this.id = id;
    }

    /** One more SMSC address, plain TCP. */
    public CarrierConfigBuilder endpoint(String host, int port) {
        endpoints.add(new EndpointConfig(host, port));
        return this;
    }

    /** One more SMSC address, reached over TLS (the carrier's {@link #tls} settings, or the JDK's trust store). */
    public CarrierConfigBuilder tlsEndpoint(String host, int port) {
        endpoints.add(new EndpointConfig(host, port, true));
        return this;
    }

    public CarrierConfigBuilder bindsPerEndpoint(int n) {
        bindsPerEndpoint = n;
        return this;
    }

    public CarrierConfigBuilder systemId(String s) {
        systemId = s;
        return this;
    }

    public CarrierConfigBuilder password(String p) {
        password = p;
        return this;
    }

    public CarrierConfigBuilder systemType(String t) {
        systemType = t;
        return this;
    }

    public CarrierConfigBuilder window(int w) {
        window = w;
        return this;
    }

    public CarrierConfigBuilder enquireLinkSeconds(int s) {
        enquireLinkSeconds = s;
        return this;
    }

    public CarrierConfigBuilder responseTimeoutMillis(int ms) {
        responseTimeoutMillis = ms;
        return this;
    }

    public CarrierConfigBuilder reconnectDelayMillis(int ms) {
        reconnectDelayMillis = ms;
        return this;
    }

    public CarrierConfigBuilder reconnectMaxDelayMillis(int ms) {
        reconnectMaxDelayMillis = ms;
        return this;
    }

    /** Most submits per second over all the carrier's binds, and on any one bind; 0 = no limit. */
    public CarrierConfigBuilder rates(int perCarrier, int perBind) {
        maxSubmitsPerSecond = perCarrier;
        bindMaxSubmitsPerSecond = perBind;
        return this;
    }

    public CarrierConfigBuilder bindType(CarrierBindType t) {
        bindType = t;
        return this;
    }

    /** A connector's record (e.g. a SIP trunk), in place of one of its type. */
    public CarrierConfigBuilder extension(Object extension) {
        extensions = extensions.with(extension);
        return this;
    }

    public CarrierConfigBuilder receiptIds(ReceiptIds r) {
        receiptIds = r;
        return this;
    }

    public CarrierConfigBuilder maxValiditySeconds(int seconds) {
        maxValiditySeconds = seconds;
        return this;
    }

    public CarrierConfigBuilder tls(CarrierTlsConfig t) {
        tls = t;
        return this;
    }

    public CarrierConfig build() {
        int reconnectMax = reconnectMaxDelayMillis != null ? reconnectMaxDelayMillis
                : Math.max(D.reconnectMaxDelayMillis(), reconnectDelayMillis);
        return new CarrierConfig(id, List.copyOf(endpoints), bindsPerEndpoint, systemId, password, systemType, window,
                enquireLinkSeconds, responseTimeoutMillis, reconnectDelayMillis, maxSubmitsPerSecond,
                bindMaxSubmitsPerSecond, bindType, reconnectMax, extensions, receiptIds, tls, maxValiditySeconds);
    }
}
