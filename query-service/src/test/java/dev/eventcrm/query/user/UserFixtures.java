package dev.eventcrm.query.user;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;

/** {@code users} documents shaped as the projections module writes them. */
final class UserFixtures {

    static final Instant UPDATED_AT = Instant.parse("2026-11-23T09:30:00.000Z");

    private UserFixtures() {
    }

    static Document user(String id, String teamId, String role, boolean active, long version) {
        return new Document("_id", id)
                .append("id", id)
                .append("displayName", "User " + id)
                .append("teamId", teamId)
                .append("role", role)
                .append("timeZone", "Europe/Moscow")
                .append("workingHours", new Document("days", List.of("MON", "TUE", "FRI")).append("from", "08:30")
                        .append("to", "17:00"))
                .append("active", active)
                .append("updatedAt", Date.from(UPDATED_AT))
                .append("version", version)
                .append("applied", List.of(new Document("aggregateId", id).append("sequence", version)))
                .append("rev", "token");
    }
}
