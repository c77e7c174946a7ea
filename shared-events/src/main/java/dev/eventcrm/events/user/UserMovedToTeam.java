package dev.eventcrm.events.user;

/** @param teamId the user's team from now on; null: none (and {@code previousTeamId} null: they had none) */
public record UserMovedToTeam(String userId, String previousTeamId, String teamId) {
}
