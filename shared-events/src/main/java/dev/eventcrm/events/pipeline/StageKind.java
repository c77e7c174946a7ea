package dev.eventcrm.events.pipeline;

/** What being in a stage means for a deal: still being worked on, or closed as won or as lost. */
public enum StageKind {
    OPEN, WON, LOST
}
