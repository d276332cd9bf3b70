package io.edgegw.sipstack.transport;

/** User events from {@link StreamFramer}: a message has begun and is held incomplete, or nothing partial is held. */
enum FrameProgress {
    PARTIAL, NONE
}
