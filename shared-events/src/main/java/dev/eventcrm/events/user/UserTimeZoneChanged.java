package dev.eventcrm.events.user;

public record UserTimeZoneChanged(String userId, String previousTimeZone, String timeZone) {
}
