package dev.eventcrm.events.user;

public record UserReactivated(String userId) {
}
