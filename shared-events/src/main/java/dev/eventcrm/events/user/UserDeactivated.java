package dev.eventcrm.events.user;

/** The user left or no longer works in the CRM; their id stays taken and their history theirs. */
public record UserDeactivated(String userId) {
}
