package io.edgegw.core.testing;

import io.edgegw.core.config.Extensions;
import io.edgegw.core.config.MessageLimits;
import io.edgegw.core.config.TenantConfig;

import java.util.List;

/** A {@link TenantConfig} for a test: {@link TenantConfig#DEFAULTS} but for what the test sets. */
public final class TenantConfigBuilder {
    private static final TenantConfig D = TenantConfig.DEFAULTS;

    private final String id;
    private String systemId;
    private String password = "pw";
    private int window = D.window();
    private int maxBinds = D.maxBinds();
    private int submitsPerSecond = D.submitsPerSecond();
    private int submitBurst = D.submitBurst();
    private long queueMaxMessages = D.queueMaxMessages();
    private long queueMaxMegabytes = D.queueMaxMegabytes();
    private int weight = D.weight();
    private List<String> allowedSources = D.allowedSources();
    private List<String> numbers = D.numbers();
    private Extensions extensions = D.extensions();
    private MessageLimits limits = D.limits();

    TenantConfigBuilder(String id) {
        this.id = id;
        this.systemId = id;
    }

    public TenantConfigBuilder systemId(String s) {
        systemId = s;
        return this;
    }

    public TenantConfigBuilder password(String p) {
        password = p;
        return this;
    }

    public TenantConfigBuilder window(int w) {
        window = w;
        return this;
    }

    public TenantConfigBuilder maxBinds(int n) {
        maxBinds = n;
        return this;
    }

    /** A sustained submit rate and its burst (the bucket's depth). */
    public TenantConfigBuilder rate(int perSecond, int burst) {
        submitsPerSecond = perSecond;
        submitBurst = burst;
        return this;
    }

    public TenantConfigBuilder queueQuota(long maxMessages, long maxMegabytes) {
        queueMaxMessages = maxMessages;
        queueMaxMegabytes = maxMegabytes;
        return this;
    }

    public TenantConfigBuilder weight(int w) {
        weight = w;
        return this;
    }

    public TenantConfigBuilder allowedSources(String... cidrs) {
        allowedSources = List.of(cidrs);
        return this;
    }

    public TenantConfigBuilder numbers(String... prefixes) {
        numbers = List.of(prefixes);
        return this;
    }

    /** A connector's record (e.g. a SIP tenant), in place of one of its type. */
    public TenantConfigBuilder extension(Object extension) {
        extensions = extensions.with(extension);
        return this;
    }

    public TenantConfigBuilder limits(MessageLimits l) {
        limits = l;
        return this;
    }

    public TenantConfig build() {
        return new TenantConfig(id, systemId, password, window, maxBinds, submitsPerSecond, submitBurst,
                queueMaxMessages, queueMaxMegabytes, weight, allowedSources, numbers, extensions, limits);
    }
}
