package dev.eventcrm.query.report;

import dev.eventcrm.api.ApiException;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** How the dynamics and the managers report cut time: calendar days, ISO weeks (Monday first) or calendar months. */
public enum Granularity {
    DAY, WEEK, MONTH;

    /** Day when absent. */
    public static Granularity parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return DAY;
        }
        try {
            return valueOf(raw.trim().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw ApiException.invalid("granularity", "must be one of day, week, month");
        }
    }

    /** The first day of the period {@code day} is in. */
    public LocalDate start(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    public LocalDate next(LocalDate periodStart) {
        return switch (this) {
            case DAY -> periodStart.plusDays(1);
            case WEEK -> periodStart.plusWeeks(1);
            case MONTH -> periodStart.plusMonths(1);
        };
    }
}
