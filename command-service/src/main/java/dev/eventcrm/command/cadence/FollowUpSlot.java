package dev.eventcrm.command.cadence;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

/**
 * When a follow-up call may be due: the earliest instant at or after a candidate that lies both in the assignee's
 * working hours and in the client's daytime, each a weekly window in its own time zone.
 */
public final class FollowUpSlot {

    /** How far ahead the two windows are searched for an overlap before giving up on one. */
    private static final Duration HORIZON = Duration.ofDays(14);

    private FollowUpSlot() {
    }

    /**
     * The same span [from, to) on each of {@code days}, in local time of {@code zone}.
     *
     * @param days at least one
     * @param from before {@code to}: a span past midnight cannot be expressed (as for users' working hours)
     */
    public record Window(ZoneId zone, Set<DayOfWeek> days, LocalTime from, LocalTime to) {

        public Window {
            if (days.isEmpty()) {
                throw new IllegalArgumentException("a window needs at least one day");
            }
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("a window's start " + from + " must be before its end " + to);
            }
            days = Set.copyOf(EnumSet.copyOf(days));
        }

        /** Every day of the week. */
        public static Window daily(ZoneId zone, LocalTime from, LocalTime to) {
            return new Window(zone, EnumSet.allOf(DayOfWeek.class), from, to);
        }

        /** The earliest instant at or after {@code instant} inside this window. */
        Instant nextOpen(Instant instant) {
            LocalDate date = instant.atZone(zone).toLocalDate();
            // the window is open on some day of every week: within 8 days, one of them ends after the instant
            for (int day = 0; day <= 7; day++, date = date.plusDays(1)) {
                if (!days.contains(date.getDayOfWeek())) {
                    continue;
                }
                Instant start = date.atTime(from).atZone(zone).toInstant();
                Instant end = date.atTime(to).atZone(zone).toInstant();
                if (instant.isBefore(end)) {
                    return instant.isAfter(start) ? instant : start;
                }
            }
            throw new IllegalStateException("unreachable: " + this + " has no day");
        }
    }

    /**
     * The earliest instant at or after {@code candidate} inside both windows. When they do not meet within two weeks
     * (a client about half a day ahead of or behind a manager with short hours), the client's daytime prevails:
     * clients are never called at night, a manager may see a task due outside their hours.
     */
    public static Instant earliest(Instant candidate, Window assignee, Window client) {
        Instant limit = candidate.plus(HORIZON);
        Instant from = candidate;
        while (from.isBefore(limit)) {
            Instant working = assignee.nextOpen(from);
            Instant both = client.nextOpen(working);
            if (both.equals(working)) {
                return both;
            }
            // nothing in [from, both) is in both windows: [from, working) is outside the assignee's, the rest outside
            // the client's
            from = both;
        }
        return client.nextOpen(candidate);
    }
}
