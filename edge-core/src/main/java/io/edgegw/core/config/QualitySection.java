package io.edgegw.core.config;

/** {@code quality}: when a carrier stops taking traffic and how it comes back. */
final class QualitySection {
    private QualitySection() {
    }

    static QualityConfig read(ConfigNode o) {
        o.only("minSuccessRatio", "recoveredRatio", "minSamples", "restSeconds", "probeStartPerSecond",
                "probeFullPerSecond", "minDeliveredRatio");
        QualityConfig d = QualityConfig.DEFAULTS;
        double floor = o.ratio("minSuccessRatio", d.minSuccessRatio());
        double recovered = o.ratio("recoveredRatio", d.recoveredRatio());
        if (recovered < floor) {
            throw o.bad("recoveredRatio", "must be >= minSuccessRatio " + floor + " (was " + recovered + ")");
        }
        int start = o.integer("probeStartPerSecond", d.probeStartPerSecond(), 1, 1_000_000);
        int full = o.integer("probeFullPerSecond", d.probeFullPerSecond(), 1, 10_000_000);
        if (full < start) {
            throw o.bad("probeFullPerSecond", "must be >= probeStartPerSecond " + start + " (was " + full + ")");
        }
        return new QualityConfig(floor, recovered, o.integer("minSamples", d.minSamples(), 1, 1_000_000),
                o.integer("restSeconds", d.restSeconds(), 1, 86_400), start, full,
                o.ratio("minDeliveredRatio", d.minDeliveredRatio()));
    }
}
