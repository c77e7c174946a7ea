package dev.eventcrm.command.user;

import dev.eventcrm.api.ApiException;
import dev.eventcrm.events.user.WorkingHours;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The parts of a user's request that Bean Validation cannot check alone, each refusal a 400 naming the field. */
final class UserInput {

    /** The working hours of a user created without any. */
    static final WorkingHours DEFAULT_WORKING_HOURS = new WorkingHours(
            List.copyOf(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)), LocalTime.of(9, 0), LocalTime.of(18, 0));

    private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

    private UserInput() {
    }

    /** An IANA region-based zone id (Europe/Berlin), as for contacts: a fixed offset would ignore daylight saving. */
    static String timeZone(String timeZone) {
        if (!ZoneId.getAvailableZoneIds().contains(timeZone)) {
            throw ApiException.invalid("timeZone", "is not an IANA time zone id such as Europe/Moscow");
        }
        return timeZone;
    }

    /** Days as {@code MON} ... {@code SUN}, each once, returned Monday first. */
    static List<DayOfWeek> days(List<String> names) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (int i = 0; i < names.size(); i++) {
            DayOfWeek day = day(names.get(i));
            if (day == null) {
                throw ApiException.invalid("workingHours.days[" + i + "]",
                        "must be one of MON, TUE, WED, THU, FRI, SAT, SUN");
            }
            if (!days.add(day)) {
                throw ApiException.invalid("workingHours.days[" + i + "]", "repeats " + names.get(i));
            }
        }
        return List.copyOf(days);
    }

    /** {@code HH:mm}, 00:00 to 23:59. */
    static LocalTime time(String text, String field) {
        if (text == null || !HH_MM.matcher(text).matches()) {
            throw ApiException.invalid(field, "must be a time of day as HH:mm, such as 09:00");
        }
        return LocalTime.parse(text);
    }

    /** The three-letter name the API uses for a day: {@code MON} for Monday. */
    static String name(DayOfWeek day) {
        return day.name().substring(0, 3);
    }

    private static DayOfWeek day(String name) {
        if (name == null) {
            return null;
        }
        for (DayOfWeek day : DayOfWeek.values()) {
            if (name(day).equals(name)) {
                return day;
            }
        }
        return null;
    }
}
