package io.edgegw.core.dispatch;

/**
 * What an operator has said of a carrier or one of its binds. DRAINING takes no new messages but stays bound, so
 * what is in flight is answered and receipts keep coming; DISABLED also unbinds (what is in flight goes back to be
 * sent elsewhere) and stays down until ENABLED again.
 */
public enum OperatorMode {
    ENABLED, DRAINING, DISABLED
}
