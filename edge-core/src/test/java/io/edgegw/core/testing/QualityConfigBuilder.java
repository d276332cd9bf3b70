package io.edgegw.core.testing;

import io.edgegw.core.config.QualityConfig;

/** A {@link QualityConfig} for a test: {@link QualityConfig#DEFAULTS} but for what the test sets. */
public final class QualityConfigBuilder {
    private static final QualityConfig D = QualityConfig.DEFAULTS;

    private double minSuccessRatio = D.minSuccessRatio();
    private double recoveredRatio = D.recoveredRatio();
    private int minSamples = D.minSamples();
    private int restSeconds = D.restSeconds();
    private int probeStartPerSecond = D.probeStartPerSecond();
    private int probeFullPerSecond = D.probeFullPerSecond();
    private double minDeliveredRatio = D.minDeliveredRatio();

    QualityConfigBuilder() {
    }

    /** Below {@code floor} a carrier goes INACTIVE; while PROBING it needs {@code recovered} to grow its trickle. */
    public QualityConfigBuilder successRatios(double floor, double recovered) {
        minSuccessRatio = floor;
        recoveredRatio = recovered;
        return this;
    }

    public QualityConfigBuilder minSamples(int n) {
        minSamples = n;
        return this;
    }

    public QualityConfigBuilder restSeconds(int s) {
        restSeconds = s;
        return this;
    }

    /** The probing trickle's first rate, and the rate at which PROBING becomes ACTIVE. */
    public QualityConfigBuilder probe(int startPerSecond, int fullPerSecond) {
        probeStartPerSecond = startPerSecond;
        probeFullPerSecond = fullPerSecond;
        return this;
    }

    public QualityConfigBuilder minDeliveredRatio(double r) {
        minDeliveredRatio = r;
        return this;
    }

    public QualityConfig build() {
        return new QualityConfig(minSuccessRatio, recoveredRatio, minSamples, restSeconds, probeStartPerSecond,
                probeFullPerSecond, minDeliveredRatio);
    }
}
