package dev.eventcrm.events.user;

public record UserRoleChanged(String userId, String previousRole, String role) {
}
