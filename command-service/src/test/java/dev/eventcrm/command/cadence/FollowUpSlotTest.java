package dev.eventcrm.command.cadence;

import dev.eventcrm.command.cadence.FollowUpSlot.Window;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Follow-up due times across the four zones of a Russian sales team; 2026-11-23 is a Monday. */
class FollowUpSlotTest {

    static final ZoneId KALININGRAD = ZoneId.of("Europe/Kaliningrad");    // UTC+2
    static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");              // UTC+3
    static final ZoneId YEKATERINBURG = ZoneId.of("Asia/Yekaterinburg");  // UTC+5
    static final ZoneId VLADIVOSTOK = ZoneId.of("Asia/Vladivostok");      // UTC+10
    static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    @Test
    void aCandidateInsideBothWindowsStays() {
        Instant candidate = at("2026-11-23T11:00", MOSCOW);
        assertThat(FollowUpSlot.earliest(candidate, office(MOSCOW), clientDay(MOSCOW))).isEqualTo(candidate);
    }

    @Test
    void theStartOfBothWindowsIsInsideAndTheirEndIsNot() {
        assertThat(FollowUpSlot.earliest(at("2026-11-23T09:00", MOSCOW), office(MOSCOW), clientDay(MOSCOW)))
                .isEqualTo(at("2026-11-23T09:00", MOSCOW));
        assertThat(FollowUpSlot.earliest(at("2026-11-23T18:00", MOSCOW), office(MOSCOW), clientDay(MOSCOW)))
                .isEqualTo(at("2026-11-24T09:00", MOSCOW));
    }

    @Test
    void beforeTheManagersDayItMovesToItsStart() {
        assertThat(FollowUpSlot.earliest(at("2026-11-23T07:10", MOSCOW), office(MOSCOW), clientDay(MOSCOW)))
                .isEqualTo(at("2026-11-23T09:00", MOSCOW));
    }

    @Test
    void aMoscowManagerCallingVladivostokAfterTheClientsEveningWaitsForTheNextMorningOverlap() {
        // 17:00 in Moscow is 00:00 in Vladivostok; the client's 09:00-20:00 is 02:00-13:00 in Moscow
        Instant due = FollowUpSlot.earliest(at("2026-11-23T17:00", MOSCOW), office(MOSCOW), clientDay(VLADIVOSTOK));
        assertThat(due).isEqualTo(at("2026-11-24T09:00", MOSCOW)).isEqualTo(at("2026-11-24T16:00", VLADIVOSTOK));
    }

    @Test
    void aMoscowManagerCallingVladivostokInTheMorningStays() {
        Instant candidate = at("2026-11-23T12:50", MOSCOW);
        assertThat(FollowUpSlot.earliest(candidate, office(MOSCOW), clientDay(VLADIVOSTOK))).isEqualTo(candidate);
    }

    @Test
    void aKaliningradManagerCallingYekaterinburgIsCutOffByTheClientsEvening() {
        // 16:30 in Kaliningrad is 19:30 in Yekaterinburg: still the client's day
        Instant early = at("2026-11-23T16:30", KALININGRAD);
        assertThat(FollowUpSlot.earliest(early, office(KALININGRAD), clientDay(YEKATERINBURG))).isEqualTo(early);
        // 17:30 is 20:30 there: the next morning in Kaliningrad, midday in Yekaterinburg
        assertThat(FollowUpSlot.earliest(at("2026-11-23T17:30", KALININGRAD), office(KALININGRAD),
                clientDay(YEKATERINBURG))).isEqualTo(at("2026-11-24T09:00", KALININGRAD));
    }

    @Test
    void aVladivostokManagerCallingKaliningradWaitsForTheClientsMorningLateInTheOwnDay() {
        // the only overlap is 17:00-18:00 in Vladivostok (09:00-10:00 in Kaliningrad)
        assertThat(FollowUpSlot.earliest(at("2026-11-23T10:00", VLADIVOSTOK), office(VLADIVOSTOK),
                clientDay(KALININGRAD))).isEqualTo(at("2026-11-23T17:00", VLADIVOSTOK))
                .isEqualTo(at("2026-11-23T09:00", KALININGRAD));
        assertThat(FollowUpSlot.earliest(at("2026-11-23T18:10", VLADIVOSTOK), office(VLADIVOSTOK),
                clientDay(KALININGRAD))).isEqualTo(at("2026-11-24T17:00", VLADIVOSTOK));
    }

    @Test
    void aYekaterinburgManagerWaitsForTheMoscowClientsMorning() {
        // the manager starts at 09:00 in Yekaterinburg, 07:00 in Moscow: the client's day begins two hours later
        assertThat(FollowUpSlot.earliest(at("2026-11-23T07:00", YEKATERINBURG), office(YEKATERINBURG),
                clientDay(MOSCOW))).isEqualTo(at("2026-11-23T11:00", YEKATERINBURG))
                .isEqualTo(at("2026-11-23T09:00", MOSCOW));
    }

    @Test
    void theManagersWeekendIsSkipped() {
        assertThat(FollowUpSlot.earliest(at("2026-11-27T18:30", MOSCOW), office(MOSCOW), clientDay(MOSCOW)))
                .isEqualTo(at("2026-11-30T09:00", MOSCOW));
        assertThat(FollowUpSlot.earliest(at("2026-11-28T12:00", MOSCOW), office(MOSCOW), clientDay(MOSCOW)))
                .isEqualTo(at("2026-11-30T09:00", MOSCOW));
    }

    @Test
    void aWorkingDayWithoutOverlapIsSkippedLikeAWeekend() {
        // Friday 14:00 in Moscow is past the Vladivostok client's evening; Saturday and Sunday the manager is off
        assertThat(FollowUpSlot.earliest(at("2026-11-27T14:00", MOSCOW), office(MOSCOW), clientDay(VLADIVOSTOK)))
                .isEqualTo(at("2026-11-30T09:00", MOSCOW));
    }

    @Test
    void aManagerWhoWorksOnlySaturdaysGetsSaturday() {
        Window saturdays = new Window(MOSCOW, Set.of(DayOfWeek.SATURDAY), LocalTime.of(10, 0), LocalTime.of(14, 0));
        assertThat(FollowUpSlot.earliest(at("2026-11-23T10:00", MOSCOW), saturdays, clientDay(MOSCOW)))
                .isEqualTo(at("2026-11-28T10:00", MOSCOW));
    }

    @Test
    void theClientsDaytimeIncludesTheWeekendAndTheWeekdayWindowWrapsAcrossTheDateLine() {
        // a Vladivostok manager's Monday morning is the Kaliningrad client's Sunday night
        Window mondayMornings = new Window(VLADIVOSTOK, Set.of(DayOfWeek.MONDAY), LocalTime.of(9, 0),
                LocalTime.of(18, 0));
        assertThat(FollowUpSlot.earliest(at("2026-11-22T12:00", KALININGRAD), mondayMornings,
                clientDay(KALININGRAD))).isEqualTo(at("2026-11-23T09:00", KALININGRAD));
    }

    @Test
    void whenTheWindowsNeverMeetTheClientsDaytimePrevails() {
        // 09:00-15:00 in Vladivostok is 23:00-05:00 in Kaliningrad: never the client's day
        Window shortHours = new Window(VLADIVOSTOK, WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(15, 0));
        assertThat(FollowUpSlot.earliest(at("2026-11-23T10:00", VLADIVOSTOK), shortHours, clientDay(KALININGRAD)))
                .isEqualTo(at("2026-11-23T09:00", KALININGRAD));
    }

    @Test
    void aWindowNeedsADayAndAForwardSpan() {
        assertThatThrownBy(() -> new Window(MOSCOW, Set.of(), LocalTime.of(9, 0), LocalTime.of(18, 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Window(MOSCOW, WEEKDAYS, LocalTime.of(18, 0), LocalTime.of(9, 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static Window office(ZoneId zone) {
        return new Window(zone, WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(18, 0));
    }

    static Window clientDay(ZoneId zone) {
        return Window.daily(zone, LocalTime.of(9, 0), LocalTime.of(20, 0));
    }

    static Instant at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }
}
