package io.edgegw.sip.proxy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What operators see of the proxy ({@code GET /api/sip}): every trunk live, and each tenant's calls. */
final class SipView {
    private SipView() {
    }

    static Map<String, Object> of(Map<String, Trunk> trunks, Map<String, CallLimit> tenants, int settingUp) {
        long now = System.nanoTime();
        List<Object> trunkViews = new ArrayList<>();
        trunks.values().stream().sorted((a, b) -> a.carrierId().compareTo(b.carrierId())).forEach(t -> {
            TrunkHealth h = t.health();
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("carrier", t.carrierId());
            v.put("address", t.address().toString());
            v.put("state", h.view(now).name());
            v.put("quality", h.quality.state().name());
            v.put("probing", h.probe.enabled());
            v.put("lastProbe", h.lastProbe());
            v.put("lastProbeAt", h.lastProbeMillis() == 0 ? null : Instant.ofEpochMilli(h.lastProbeMillis()).toString());
            v.put("probeFailures", h.probeFailures());
            v.put("activeCalls", t.limit().active());
            v.put("channels", t.address().channels());
            v.put("callsPerSecond", h.callsPerSecond(now));
            v.put("attempts", h.attempts());
            v.put("successRatio", round(h.quality.successRatio()));
            double asr = h.quality.answerSeizureRatio();
            v.put("asr", Double.isNaN(asr) ? null : round(asr));
            double pdd = h.quality.postDialDelayMillis();
            v.put("postDialDelayMillis", pdd < 0 ? null : Math.round(pdd));
            v.put("recentAttempts", h.quality.samples());
            trunkViews.add(v);
        });
        Map<String, Object> tenantViews = new LinkedHashMap<>();
        tenants.keySet().stream().sorted().forEach(id -> tenantViews.put(id,
                Map.of("activeCalls", tenants.get(id).active())));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("callsSettingUp", settingUp);
        out.put("trunks", trunkViews);
        out.put("tenants", tenantViews);
        return out;
    }

    private static double round(double ratio) {
        return Math.round(ratio * 1000) / 1000.0;
    }
}
