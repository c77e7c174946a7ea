package dev.eventcrm.command.user;

import dev.eventcrm.events.user.WorkingHours;

/** A new user with every default already filled in: the event records what was decided, not the configuration. */
public record CreateUser(String userId, String displayName, String teamId, String role, String timeZone,
                         WorkingHours workingHours) {
}
