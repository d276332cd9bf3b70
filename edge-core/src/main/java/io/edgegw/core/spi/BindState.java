package io.edgegw.core.spi;

/** Life of one SMPP bind, tenant- or carrier-facing. */
public enum BindState {
    CONNECTING, BINDING, BOUND, THROTTLED, UNBINDING, DOWN, DISABLED
}
