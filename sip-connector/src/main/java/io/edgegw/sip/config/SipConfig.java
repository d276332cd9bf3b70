package io.edgegw.sip.config;

import io.edgegw.core.config.GatewayConfig;
import io.edgegw.core.config.ProxyProtocolConfig;

import java.util.List;

/**
 * The SIP side of the gateway: where it listens as a stateful, record-routing proxy between tenants and carrier
 * trunks.
 *
 * @param enabled              false (the default) starts no SIP listener at all
 * @param host                 address to listen on, and to put in Record-Route and Via
 * @param port                 port to listen on; 0 = any free port (tests)
 * @param transport            {@code udp} or {@code tcp}
 * @param inviteTimeoutSeconds longest a caller's INVITE may wait for a final answer over all trunks tried
 * @param failoverAfterMillis  a trunk that sends no final answer this long after the INVITE is given up for the next
 * @param maxCalls             INVITEs being set up at once; one more is answered 503
 * @param maxCallSeconds       an answered call still up after this long is hung up both ways by the proxy
 * @param routeSecret          key of the token signed into the proxy's Record-Route; null = random per process
 * @param failoverCodes        a trunk's final answers after which the next trunk is tried (any other goes to the caller)
 * @param strangers            what an INVITE from no tenant's and no carrier's address gets when no tenant has sipAuth
 * @param overloadMillis       work waiting longer than this for 1 s without a break gets new INVITEs answered 503
 *                             statelessly; 0 = never
 * @param tls                  the TLS listener and certificates; null = no TLS listener
 * @param cdrRetentionDays     daily CDR files dated more than this many days before today are deleted; 0 = never
 * @param proxyProtocol        the PROXY protocol on the TCP and TLS listeners (behind a TCP load balancer); UDP has none
 */
public record SipConfig(boolean enabled, String host, int port, String transport, int inviteTimeoutSeconds,
                        int failoverAfterMillis, int maxCalls, int maxCallSeconds, String routeSecret,
                        List<Integer> failoverCodes, Strangers strangers, int overloadMillis, SipTlsConfig tls,
                        int cdrRetentionDays, ProxyProtocolConfig proxyProtocol) {
    public static final int DEFAULT_OVERLOAD_MILLIS = 200;
    public static final int DEFAULT_CDR_RETENTION_DAYS = 90;

    /**
     * An INVITE from an address no tenant or carrier owns, with no digest realm to challenge it: one stateless 403
     * (no transaction, no 100 Trying, no retransmission), or nothing at all, so a spoofed source cannot be flooded.
     */
    public enum Strangers { REJECT, DROP }

    public static final int DEFAULT_MAX_CALL_SECONDS = 3 * 3600;
    /** 408 and the 5xx a trunk gives when it cannot take the call now (RFC 3261 section 16.7 leaves the choice to us). */
    public static final List<Integer> DEFAULT_FAILOVER_CODES = List.of(408, 500, 502, 503, 504);
    public static final SipConfig DISABLED = new SipConfig(false, "127.0.0.1", 5060, "udp", 32, 5000, 10_000);

    public SipConfig {
        failoverCodes = failoverCodes == null ? DEFAULT_FAILOVER_CODES : List.copyOf(failoverCodes);
        strangers = strangers == null ? Strangers.REJECT : strangers;
        proxyProtocol = proxyProtocol == null ? ProxyProtocolConfig.OFF : proxyProtocol;
    }

    /** CDRs kept {@link #DEFAULT_CDR_RETENTION_DAYS} days. */
    public SipConfig(boolean enabled, String host, int port, String transport, int inviteTimeoutSeconds,
                     int failoverAfterMillis, int maxCalls, int maxCallSeconds, String routeSecret,
                     List<Integer> failoverCodes, Strangers strangers, int overloadMillis, SipTlsConfig tls) {
        this(enabled, host, port, transport, inviteTimeoutSeconds, failoverAfterMillis, maxCalls, maxCallSeconds,
                routeSecret, failoverCodes, strangers, overloadMillis, tls, DEFAULT_CDR_RETENTION_DAYS,
                ProxyProtocolConfig.OFF);
    }

    /** Default overload bound, no TLS. */
    public SipConfig(boolean enabled, String host, int port, String transport, int inviteTimeoutSeconds,
                     int failoverAfterMillis, int maxCalls, int maxCallSeconds, String routeSecret,
                     List<Integer> failoverCodes, Strangers strangers) {
        this(enabled, host, port, transport, inviteTimeoutSeconds, failoverAfterMillis, maxCalls, maxCallSeconds,
                routeSecret, failoverCodes, strangers, DEFAULT_OVERLOAD_MILLIS, null);
    }

    /** Strangers rejected. */
    public SipConfig(boolean enabled, String host, int port, String transport, int inviteTimeoutSeconds,
                     int failoverAfterMillis, int maxCalls, int maxCallSeconds, String routeSecret,
                     List<Integer> failoverCodes) {
        this(enabled, host, port, transport, inviteTimeoutSeconds, failoverAfterMillis, maxCalls, maxCallSeconds,
                routeSecret, failoverCodes, Strangers.REJECT);
    }

    /** With the default failover codes. */
    public SipConfig(boolean enabled, String host, int port, String transport, int inviteTimeoutSeconds,
                     int failoverAfterMillis, int maxCalls, int maxCallSeconds, String routeSecret) {
        this(enabled, host, port, transport, inviteTimeoutSeconds, failoverAfterMillis, maxCalls, maxCallSeconds,
                routeSecret, DEFAULT_FAILOVER_CODES);
    }

    /** With the default maximum call duration. */
    public SipConfig(boolean enabled, String host, int port, String transport, int inviteTimeoutSeconds,
                     int failoverAfterMillis, int maxCalls) {
        this(enabled, host, port, transport, inviteTimeoutSeconds, failoverAfterMillis, maxCalls,
                DEFAULT_MAX_CALL_SECONDS);
    }

    /** With a random route secret for the process. */
    public SipConfig(boolean enabled, String host, int port, String transport, int inviteTimeoutSeconds,
                     int failoverAfterMillis, int maxCalls, int maxCallSeconds) {
        this(enabled, host, port, transport, inviteTimeoutSeconds, failoverAfterMillis, maxCalls, maxCallSeconds,
                null);
    }

    /** The configuration's {@code sip} section; {@link #DISABLED} when no SIP section was read. */
    public static SipConfig of(GatewayConfig config) {
        SipConfig s = config.section(SipConfig.class);
        return s == null ? DISABLED : s;
    }

    /** The secret stays out of logs. */
    @Override
    public String toString() {
        return "SipConfig[enabled=" + enabled + ", host=" + host + ", port=" + port + ", transport=" + transport
                + ", inviteTimeoutSeconds=" + inviteTimeoutSeconds + ", failoverAfterMillis=" + failoverAfterMillis
                + ", maxCalls=" + maxCalls + ", maxCallSeconds=" + maxCallSeconds + ", routeSecret="
                + (routeSecret == null ? "random" : "***") + ", failoverCodes=" + failoverCodes + ", strangers="
                + strangers + ", overloadMillis=" + overloadMillis + ", tls=" + tls + ", cdrRetentionDays="
                + cdrRetentionDays + ", proxyProtocol=" + proxyProtocol + "]";
    }
}
