package io.edgegw.core.usage;

/** Which way an SMS went, priced apart: MT (tenant to handset, outbound, tiered) and MO (handset to tenant, inbound). */
public enum Direction {
    MT,
    MO
}
