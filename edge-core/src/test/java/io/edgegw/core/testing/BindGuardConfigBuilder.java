package io.edgegw.core.testing;

import io.edgegw.core.config.BindGuardConfig;

/** A {@link BindGuardConfig} for a test: {@link BindGuardConfig#DEFAULTS} but for what the test sets. */
public final class BindGuardConfigBuilder {
    private static final BindGuardConfig D = BindGuardConfig.DEFAULTS;

    private int freeFailures = D.freeFailures();
    private int firstDelayMillis = D.firstDelayMillis();
    private int maxDelayMillis = D.maxDelayMillis();
    private int lockoutFailures = D.lockoutFailures();
    private int systemIdLockoutFailures = D.systemIdLockoutFailures();
    private int lockoutSeconds = D.lockoutSeconds();
    private int failuresPerSession = D.failuresPerSession();

    BindGuardConfigBuilder() {
    }

    public BindGuardConfigBuilder freeFailures(int n) {
        freeFailures = n;
        return this;
    }

    /** The first delayed answer's wait, doubling per failure up to {@code max}. */
    public BindGuardConfigBuilder delayMillis(int first, int max) {
        firstDelayMillis = first;
        maxDelayMillis = max;
        return this;
    }

    /** Failures from one address, and on one system_id, after which binds are refused for {@code seconds}. */
    public BindGuardConfigBuilder lockout(int perAddress, int perSystemId, int seconds) {
        lockoutFailures = perAddress;
        systemIdLockoutFailures = perSystemId;
        lockoutSeconds = seconds;
        return this;
    }

    public BindGuardConfigBuilder failuresPerSession(int n) {
        failuresPerSession = n;
        return this;
    }

    public BindGuardConfig build() {
        return new BindGuardConfig(freeFailures, firstDelayMillis, maxDelayMillis, lockoutFailures,
                systemIdLockoutFailures, lockoutSeconds, failuresPerSession);
    }
}
