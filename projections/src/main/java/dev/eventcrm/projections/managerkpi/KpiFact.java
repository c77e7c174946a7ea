package dev.eventcrm.projections.managerkpi;

import java.time.Instant;

/**
 * One thing a manager did or had happen to their deal, at an instant: the report cuts instants into days in any
 * zone at query time. The call fields are false/0 for other types.
 *
 * @param managerId the call's, meeting's or e-mail's actor; the task's assignee when it was completed; the deal's
 *                  owner when it was opened, won or lost
 */
public record KpiFact(KpiFactType type, String managerId, Instant at, boolean outbound, boolean connected,
                      int seconds) {

    static KpiFact of(KpiFactType type, String managerId, Instant at) {
        return new KpiFact(type, managerId, at, false, false, 0);
    }
}
