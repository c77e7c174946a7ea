package dev.eventcrm.events.user;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;

/**
 * When a user works, in their own time zone: the same span on each of {@code days} (Monday first, each once), with
 * {@code from} before {@code to} (a shift past midnight cannot be expressed).
 */
public record WorkingHours(List<DayOfWeek> days, LocalTime from, LocalTime to) {

    public WorkingHours {
        days = List.copyOf(days);
    }
}
