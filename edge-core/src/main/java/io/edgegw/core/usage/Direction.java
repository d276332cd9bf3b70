package io.edgegw.core.usage;

/** Which way an SMS went, each priced by its own list: MT (tenant to handset, tiered) and MO (handset to tenant). */
public enum Direction {
    MT,
    MO
}
