package dev.eventcrm.events.contact;

/** This contact was a duplicate and was merged into {@code survivorId}, which its id now resolves to. */
public record ContactMergedInto(String contactId, String survivorId) {
}
