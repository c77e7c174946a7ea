package dev.eventcrm.query.web;

import dev.eventcrm.api.ApiException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The days [{@code from}, {@code to}) a report counts: required ISO dates, {@code to} after {@code from} and at most
 * {@value #MAX_DAYS} days later; a bad one is a 400 problem naming it.
 */
public record DateRange(LocalDate from, LocalDate to) {
    /** About ten years: bounds the periods of one answer. */
    public static final int MAX_DAYS = 3660;

    public static DateRange parse(String from, String to) {
        LocalDate first = date("from", from);
        LocalDate end = date("to", to);
        if (!end.isAfter(first)) {
            throw ApiException.invalid("to", "must be after from");
        }
        if (ChronoUnit.DAYS.between(first, end) > MAX_DAYS) {
            throw ApiException.invalid("to", "must be at most " + MAX_DAYS + " days after from");
        }
        return new DateRange(first, end);
    }

    public static LocalDate date(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.invalid(name, "is required (an ISO date such as 2026-03-01)");
        }
        try {
            return LocalDate.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name, "must be an ISO date such as 2026-03-01");
        }
    }
}
