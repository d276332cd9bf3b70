package io.edgegw.smpp.tenant;

/** Fired down every tenant pipeline as the gateway stops, so each session can leave politely; in this order. */
enum GatewayClosing {
    /** The stop began: a bound session unbinds once its submits are answered; a bind from now on is refused. */
    STOP_BEGUN,
    /** The connector closes: a connection that never bound closes now (a bound one is already unbinding). */
    CLOSING
}
