package dev.eventcrm.events.deal;

/** A WON or LOST deal reopened into an OPEN stage of its pipeline. */
public record DealReopened(String dealId, String from, String to, String pipelineId) {
}
