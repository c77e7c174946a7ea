package dev.eventcrm.events.deal;

import java.util.List;

/** The stages of the default sales pipeline, in order; WON and LOST close a deal. Shared by writer and readers. */
public final class DealStages {

    public static final String PIPELINE = "default";
    public static final List<String> DEFAULT = List.of("NEW", "QUALIFIED", "PROPOSAL", "NEGOTIATION", "WON", "LOST");
    public static final List<String> CLOSED = List.of("WON", "LOST");

    private DealStages() {
    }
}
