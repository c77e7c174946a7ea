package dev.eventcrm.projections.user;

import dev.eventcrm.events.user.WorkingHours;

import java.time.Instant;

/**
 * One user as the {@code users} read model shows them. {@code displayName == null} until their creation is applied.
 *
 * @param teamId null: in no team
 */
public record User(String id, String displayName, String teamId, String role, String timeZone,
                   WorkingHours workingHours, boolean active, Instant updatedAt) {

    static User empty(String id) {
        return new User(id, null, null, null, null, null, false, null);
    }
}
