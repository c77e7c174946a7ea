package dev.eventcrm.command.cadence;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

/**
 * The unanswered-call cadence ({@code crm.automation.cadence.*}).
 *
 * @param delays              the follow-up after the 1st, 2nd, ... consecutive unanswered call, from the call's time;
 *                            the miss after the last one archives the contact and loses its open deals
 * @param clientDay           when a client may be called, in the client's time zone, every day
 * @param defaultWorkingHours the hours of an assignee the command side does not know, or who has none, in the
 *                            installation's zone ({@code crm.users.default-time-zone})
 */
@ConfigurationProperties("crm.automation.cadence")
public record CadenceProperties(
        @DefaultValue({"10m", "1h", "3h", "1d"}) List<Duration> delays,
        @DefaultValue ClientDay clientDay,
        @DefaultValue WorkingHours defaultWorkingHours) {

    public CadenceProperties {
        if (delays.isEmpty()) {
            throw new IllegalArgumentException("crm.automation.cadence.delays needs at least one delay");
        }
        delays = List.copyOf(delays);
    }

    public record ClientDay(@DefaultValue("09:00") LocalTime from, @DefaultValue("20:00") LocalTime to) {

        public ClientDay {
            requireForward(from, to, "client-day");
        }
    }

    public record WorkingHours(
            @DefaultValue({"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"}) List<DayOfWeek> days,
            @DefaultValue("09:00") LocalTime from,
            @DefaultValue("18:00") LocalTime to) {

        public WorkingHours {
            if (days.isEmpty()) {
                throw new IllegalArgumentException("crm.automation.cadence.default-working-hours.days needs a day");
            }
            days = List.copyOf(days);
            requireForward(from, to, "default-working-hours");
        }
    }

    /** Checked at start-up: a window the cadence cannot use would otherwise refuse every unanswered call. */
    private static void requireForward(LocalTime from, LocalTime to, String window) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("crm.automation.cadence." + window + ".from (" + from
                    + ") must be before .to (" + to + "); spans past midnight are not supported");
        }
    }

    /** The consecutive miss that archives the contact instead of scheduling another follow-up. */
    public int lastMiss() {
        return delays.size() + 1;
    }
}
