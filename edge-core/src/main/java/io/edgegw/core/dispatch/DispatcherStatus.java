package io.edgegw.core.dispatch;

import java.util.List;

/** What the dispatcher knows at one moment, taken on its own thread: for the admin API and the status page. */
public record DispatcherStatus(Cluster cluster, List<Carrier> carriers, List<Tenant> tenants, List<RouteView> routes) {

    /** One instance alone. */
    public DispatcherStatus(List<Carrier> carriers, List<Tenant> tenants, List<RouteView> routes) {
        this(new Cluster(0, 1), carriers, tenants, routes);
    }

    /** Which instance this is, of how many sharing the carriers' and tenants' limits. */
    public record Cluster(int instance, int instances) {
    }

    /**
     * This instance's part of a carrier's limits, beside the carrier's own.
     *
     * @param binds                      submitting binds this instance opens to it
     * @param clusterBinds               its submitting binds over all instances
     * @param maxSubmitsPerSecond        this instance's part of its rate; 0 = no limit (or no binds here)
     * @param clusterMaxSubmitsPerSecond its configured rate; 0 = no limit
     */
    public record Share(int binds, int clusterBinds, int maxSubmitsPerSecond, int clusterMaxSubmitsPerSecond) {
    }

    /**
     * @param mode         what an operator said (ENABLED, DRAINING, DISABLED)
     * @param state        whether it takes traffic now, all things considered: ACTIVE, PROBING, INACTIVE or DISABLED
     *                     (see {@link DestinationState})
     * @param quality      its quality alone: ACTIVE, PROBING or INACTIVE (live, from answers and receipts)
     * @param success      moving share of submit_sm answered OK
     * @param delivered    moving share of final receipts saying DELIVRD
     * @param windowInUse  submit_sm outstanding over its ready binds
     * @param windowSize   what those ready binds may have outstanding
     * @param submits      submit_sm sent since start
     * @param errors       answered with a transient or permanent error, or never answered, since start
     * @param throttled    answered ESME_RTHROTTLED / ESME_RMSGQFUL since start
     * @param share        this instance's part of its binds and rate
     */
    public record Carrier(String id, OperatorMode mode, DestinationState state, String quality, double success,
                          double latencyMillis, double delivered, int windowInUse, int windowSize, long submits,
                          long errors, long throttled, List<Bind> binds, Share share) {

        /** With no share shown (one instance alone, the whole carrier). */
        public Carrier(String id, OperatorMode mode, DestinationState state, String quality, double success,
                       double latencyMillis, double delivered, int windowInUse, int windowSize, long submits,
                       long errors, long throttled, List<Bind> binds) {
            this(id, mode, state, quality, success, latencyMillis, delivered, windowInUse, windowSize, submits, errors,
                    throttled, binds, null);
        }
    }

    /**
     * @param state       the connector's state, or THROTTLED while bound and held back by the carrier's answers
     * @param learnedRate msg/s learned from throttled answers; 0 = not limited
     * @param sentLastSecond submit_sm sent on it in the last whole second
     */
    public record Bind(String name, String carrierId, String state, long sinceMillis, String reason, OperatorMode mode,
                       int windowFree, double learnedRate, int sentLastSecond) {
    }

    /** @param scheduledDepth accepted messages waiting in its scheduled queue until due */
    public record Tenant(String id, boolean paused, int weight, long inboundDepth, long outboundDepth, int inFlight,
                         int receivers, long scheduledDepth) {
    }

    /** A route, and how each candidate is doing on it (quality null until the route has been used). */
    public record RouteView(String prefix, List<String> tenants, List<Candidate> carriers) {
    }

    public record Candidate(String carrierId, double cost, int priority, int weight, String quality, double success,
                            double delivered) {
    }
}
