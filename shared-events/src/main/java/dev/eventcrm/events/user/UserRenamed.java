package dev.eventcrm.events.user;

public record UserRenamed(String userId, String previousDisplayName, String displayName) {
}
