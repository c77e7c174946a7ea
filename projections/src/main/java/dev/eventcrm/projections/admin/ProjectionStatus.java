package dev.eventcrm.projections.admin;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * What {@code GET /api/v1/admin/projections} answers for one projection.
 *
 * @param position  the number of {@code crm.events} records the projection has consumed (the sum of its next offsets)
 * @param lagMillis how far behind the newest event it applied was when applied; 0 when it has caught up
 * @param rebuild   the running or last rebuild, null when none ran since the catalog entry was made
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ProjectionStatus(String name, int version, String state, boolean rebuildable, long position,
                               long lagMillis, Rebuild rebuild) {

    public static final String LIVE = "LIVE";
    public static final String REBUILDING = "REBUILDING";

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Rebuild(long eventsDone, long eventsTotal, double eventsPerSecond, Instant startedAt,
                          Instant finishedAt) {
    }
}
