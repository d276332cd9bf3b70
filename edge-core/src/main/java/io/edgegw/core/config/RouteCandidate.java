package io.edgegw.core.config;

/**
 * One carrier a route may send to.
 *
 * @param carrierId the carrier's id
 * @param cost      price per message, in whatever currency unit the operator uses throughout; at least 0
 * @param priority  lower is tried first; among equal priority, lower cost first
 * @param weight    share among candidates of equal priority and cost, for spreading load (used by a later slice)
 */
public record RouteCandidate(String carrierId, double cost, int priority, int weight) {
    public RouteCandidate {
        if (!(cost >= 0) || Double.isInfinite(cost)) {
            throw new IllegalArgumentException("cost must be a finite number >= 0 (was " + cost + ")");
        }
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be >= 1 (was " + weight + ")");
        }
    }
}
