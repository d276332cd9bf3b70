package io.edgegw.core.dispatch;

/**
 * Whether an SMS carrier takes traffic now, in the words of Kamailio's dispatcher module (a carrier is a
 * destination). One vocabulary for the API, the status page, {@code ./edge status} and the
 * {@code edge_carrier_state} gauge (the ordinal: 0 active, 1 probing, 2 inactive, 3 disabled):
 * <ul>
 *   <li>ACTIVE: takes traffic in route order;</li>
 *   <li>PROBING: it failed and rested, and now takes a trickle that grows while its answers are good
 *       ({@link CarrierQuality}); ACTIVE again once the trickle reaches the full rate;</li>
 *   <li>INACTIVE: takes nothing now, because its answers or receipts fell below the {@code quality} floors (it
 *       rests, then is probed), or because none of its binds an operator left in use is bound (it comes back when
 *       one binds);</li>
 *   <li>DISABLED: an operator drained or disabled it, or every one of its binds ({@link OperatorMode}); it takes
 *       nothing new until enabled.</li>
 * </ul>
 * A carrier's quality on one route prefix uses the first three only.
 */
public enum DestinationState {
    ACTIVE, PROBING, INACTIVE, DISABLED
}
