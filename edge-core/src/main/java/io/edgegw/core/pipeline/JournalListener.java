package io.edgegw.core.pipeline;

import io.edgegw.core.message.OutboundSubmit;

/** Told by the journal thread when what a submit's completion depended on (correlation, failed receipt) is on disk. */
public interface JournalListener {
    void journaled(OutboundSubmit submit);
}
