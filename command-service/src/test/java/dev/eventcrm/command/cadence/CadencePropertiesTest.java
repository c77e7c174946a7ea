package dev.eventcrm.command.cadence;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code crm.automation.cadence.*} as Spring binds it. */
class CadencePropertiesTest {

    @Test
    void theDefaultsAreTheCommonCadenceTheClientsDaytimeAndOfficeHours() {
        CadenceProperties defaults = bind(Map.of());
        assertThat(defaults.delays()).containsExactly(Duration.ofMinutes(10), Duration.ofHours(1),
                Duration.ofHours(3), Duration.ofDays(1));
        assertThat(defaults.lastMiss()).isEqualTo(5);
        assertThat(defaults.clientDay()).isEqualTo(new CadenceProperties.ClientDay(LocalTime.of(9, 0),
                LocalTime.of(20, 0)));
        assertThat(defaults.defaultWorkingHours().days()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
                DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
        assertThat(defaults.defaultWorkingHours().from()).isEqualTo(LocalTime.of(9, 0));
        assertThat(defaults.defaultWorkingHours().to()).isEqualTo(LocalTime.of(18, 0));
    }

    @Test
    void anInstallationSetsItsOwnCadenceAndWindows() {
        CadenceProperties custom = bind(Map.of(
                "crm.automation.cadence.delays", "5m,2h",
                "crm.automation.cadence.client-day.from", "10:30",
                "crm.automation.cadence.default-working-hours.days", "SATURDAY,SUNDAY"));
        assertThat(custom.delays()).containsExactly(Duration.ofMinutes(5), Duration.ofHours(2));
        assertThat(custom.lastMiss()).isEqualTo(3);
        assertThat(custom.clientDay().from()).isEqualTo(LocalTime.of(10, 30));
        assertThat(custom.defaultWorkingHours().days()).isEqualTo(List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
    }

    @Test
    void aWindowEndingBeforeItStartsStopsTheStart() {
        assertThatThrownBy(() -> bind(Map.of("crm.automation.cadence.client-day.to", "08:00")))
                .hasRootCauseMessage("crm.automation.cadence.client-day.from (09:00) must be before .to (08:00); "
                        + "spans past midnight are not supported");
    }

    private static CadenceProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("crm.automation.cadence", CadenceProperties.class);
    }
}
