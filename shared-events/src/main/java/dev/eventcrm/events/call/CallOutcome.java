package dev.eventcrm.events.call;

/** The short list of call outcomes, so that logging a call takes one click. */
public enum CallOutcome {
    CONNECTED, NO_ANSWER, BUSY, VOICEMAIL, WRONG_NUMBER, UNREACHABLE
}
