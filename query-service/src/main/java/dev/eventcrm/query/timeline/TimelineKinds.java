package dev.eventcrm.query.timeline;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.eventcrm.api.ApiException;

/** The {@code kind} names the projections write on timeline entries, and the {@code kinds} filter over them. */
final class TimelineKinds {

    static final List<String> ALL = List.of("CALL", "MEETING", "EMAIL", "NOTE", "DEAL_OPENED", "STAGE_CHANGED",
            "DEAL_WON", "DEAL_LOST", "DEAL_REOPENED", "OWNER_CHANGED", "CONTACT_CREATED", "CONTACT_ARCHIVED",
            "CONTACT_RESTORED", "CONTACT_MERGED", "TASK_CREATED", "TASK_RESCHEDULED", "TASK_COMPLETED",
            "TASK_CANCELLED", "TASK_REASSIGNED", "TASK_REMINDED", "INVOICE_ISSUED", "INVOICE_PAID");

    private TimelineKinds() {
    }

    /** The kinds of a comma-separated {@code kinds} value; empty (every kind) when absent or blank. */
    static Set<String> parse(String raw) {
        Set<String> kinds = new LinkedHashSet<>();
        if (raw == null || raw.isBlank()) {
            return kinds;
        }
        for (String part : raw.split(",", -1)) {
            String kind = part.trim();
            if (!ALL.contains(kind)) {
                throw ApiException.invalid("kinds", "unknown kind '" + kind + "'; one of " + String.join(", ", ALL));
            }
            kinds.add(kind);
        }
        return kinds;
    }
}
