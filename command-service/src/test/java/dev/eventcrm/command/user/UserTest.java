package dev.eventcrm.command.user;

import dev.eventcrm.command.StaleVersion;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.lookup.InMemoryAggregateLookup;
import dev.eventcrm.events.user.UserCreated;
import dev.eventcrm.events.user.UserDeactivated;
import dev.eventcrm.events.user.UserMovedToTeam;
import dev.eventcrm.events.user.UserReactivated;
import dev.eventcrm.events.user.UserRenamed;
import dev.eventcrm.events.user.UserRoleChanged;
import dev.eventcrm.events.user.UserTimeZoneChanged;
import dev.eventcrm.events.user.UserWorkingHoursChanged;
import dev.eventcrm.events.user.WorkingHours;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.THURSDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasProperty;

class UserTest {

    private static final WorkingHours NINE_TO_SIX = UserInput.DEFAULT_WORKING_HOURS;
    private static final UserCreated CREATED = new UserCreated("anna@sales", "Anna Petrova", "north", "manager",
            "Europe/Moscow", NINE_TO_SIX);

    private AggregateTestFixture<User> fixture;
    private InMemoryAggregateLookup lookup;

    @BeforeEach
    void setUp() {
        lookup = new InMemoryAggregateLookup();
        fixture = new AggregateTestFixture<>(User.class);
        fixture.registerInjectableResource(lookup);
    }

    private static ChangeUserDetails change(String displayName, ChangeUserDetails.TeamChange teamId, String role,
                                            String timeZone, List<DayOfWeek> days, LocalTime from, LocalTime to) {
        return new ChangeUserDetails("anna@sales", displayName, teamId, role, timeZone, days, from, to, null);
    }

    @Test
    void creatingAUserRecordsItUnderTheGivenIdAndRegistersIt() {
        fixture.givenNoPriorActivity()
                .when(new CreateUser("anna@sales", "Anna Petrova", "north", "manager", "Europe/Moscow", NINE_TO_SIX))
                .expectEvents(CREATED);
        assertThat(lookup.registered()).containsEntry("anna@sales", AggregateLookup.USER);
    }

    @Test
    void anExistingIdIsRefused() {
        lookup.with("anna@sales", AggregateLookup.USER);
        fixture.givenNoPriorActivity()
                .when(new CreateUser("anna@sales", "Anna Again", null, "manager", "UTC", NINE_TO_SIX))
                .expectNoEvents()
                .expectException(hasProperty("rule", equalTo(User.EXISTS)));
    }

    @Test
    void anIdTakenWhileCreatingIsRefusedAsExisting() {
        // the lookup's insert fails on its key: a concurrent create of the id committed after the existence check
        AggregateLookup raced = new AggregateLookup() {
            @Override
            public void register(String aggregateId, String aggregateType) {
                throw new DuplicateKeyException("aggregate_lookup primary key");
            }

            @Override
            public boolean exists(String aggregateId, String aggregateType) {
                return false;
            }
        };
        AggregateTestFixture<User> racing = new AggregateTestFixture<>(User.class);
        racing.registerInjectableResource(raced);
        racing.givenNoPriorActivity()
                .when(new CreateUser("anna@sales", "Anna Petrova", null, "manager", "UTC", NINE_TO_SIX))
                .expectNoEvents()
                .expectException(hasProperty("rule", equalTo(User.EXISTS)));
    }

    @Test
    void workingHoursMustStartBeforeTheyEnd() {
        fixture.givenNoPriorActivity()
                .when(new CreateUser("anna@sales", "Anna Petrova", null, "manager", "UTC",
                        new WorkingHours(List.of(MONDAY), LocalTime.of(18, 0), LocalTime.of(9, 0))))
                .expectNoEvents()
                .expectException(hasProperty("field", equalTo("workingHours.from")));
        assertThat(lookup.registered()).isEmpty();
    }

    @Test
    void workingHoursNeedADay() {
        fixture.givenNoPriorActivity()
                .when(new CreateUser("anna@sales", "Anna Petrova", null, "manager", "UTC",
                        new WorkingHours(List.of(), LocalTime.of(9, 0), LocalTime.of(18, 0))))
                .expectNoEvents()
                .expectException(hasProperty("field", equalTo("workingHours.days")));
    }

    @Test
    void renaming() {
        fixture.given(CREATED)
                .when(change("Anna Orlova", null, null, null, null, null, null))
                .expectEvents(new UserRenamed("anna@sales", "Anna Petrova", "Anna Orlova"))
                .expectResultMessagePayload(1L);
    }

    @Test
    void movingToAnotherTeamAndLeavingTeams() {
        fixture.given(CREATED)
                .when(change(null, new ChangeUserDetails.TeamChange("south"), null, null, null, null, null))
                .expectEvents(new UserMovedToTeam("anna@sales", "north", "south"));
        fixture.given(CREATED)
                .when(change(null, new ChangeUserDetails.TeamChange(null), null, null, null, null, null))
                .expectEvents(new UserMovedToTeam("anna@sales", "north", null));
    }

    @Test
    void changingTheRole() {
        fixture.given(CREATED)
                .when(change(null, null, "head-of-sales", null, null, null, null))
                .expectEvents(new UserRoleChanged("anna@sales", "manager", "head-of-sales"));
    }

    @Test
    void changingTheTimeZone() {
        fixture.given(CREATED)
                .when(change(null, null, null, "Asia/Yekaterinburg", null, null, null))
                .expectEvents(new UserTimeZoneChanged("anna@sales", "Europe/Moscow", "Asia/Yekaterinburg"));
    }

    @Test
    void workingHoursMergeWithTheCurrentOnes() {
        fixture.given(CREATED)
                .when(change(null, null, null, null, List.of(MONDAY, THURSDAY, SATURDAY), null, LocalTime.of(17, 0)))
                .expectEvents(new UserWorkingHoursChanged("anna@sales", NINE_TO_SIX, new WorkingHours(
                        List.of(MONDAY, THURSDAY, SATURDAY), LocalTime.of(9, 0), LocalTime.of(17, 0))));
    }

    @Test
    void aMergedEndBeforeTheStartIsRefusedWithTheRestOfThePatch() {
        fixture.given(CREATED)
                .when(change("Anna Orlova", null, null, null, null, LocalTime.of(19, 0), null))
                .expectNoEvents()
                .expectException(hasProperty("field", equalTo("workingHours.from")));
    }

    @Test
    void onlyWhatChangedBecomesAnEvent() {
        fixture.given(CREATED)
                .when(change("Anna Petrova", new ChangeUserDetails.TeamChange("north"), "head-of-sales",
                        "Europe/Moscow", List.of(MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, THURSDAY, FRIDAY),
                        LocalTime.of(9, 0), LocalTime.of(18, 0)))
                .expectEvents(new UserRoleChanged("anna@sales", "manager", "head-of-sales"));
    }

    @Test
    void aNoOpPatchStoresNothingAndAnswersTheCurrentVersion() {
        fixture.given(CREATED, new UserRenamed("anna@sales", "Anna Petrova", "Anna Orlova"))
                .when(change("Anna Orlova", new ChangeUserDetails.TeamChange("north"), "manager", null, null,
                        LocalTime.of(9, 0), null))
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void aStaleIfMatchIsRefused() {
        fixture.given(CREATED, new UserRenamed("anna@sales", "Anna Petrova", "Anna Orlova"))
                .when(new ChangeUserDetails("anna@sales", "Anna", null, null, null, null, null, null, 0L))
                .expectNoEvents()
                .expectException(StaleVersion.class);
    }

    @Test
    void deactivatingAndReactivating() {
        fixture.given(CREATED)
                .when(new DeactivateUser("anna@sales", null))
                .expectEvents(new UserDeactivated("anna@sales"));
        fixture.given(CREATED, new UserDeactivated("anna@sales"))
                .when(new DeactivateUser("anna@sales", null))
                .expectNoEvents()
                .expectException(hasProperty("rule", equalTo("user-deactivated")));
        fixture.given(CREATED, new UserDeactivated("anna@sales"))
                .when(new ReactivateUser("anna@sales", null))
                .expectEvents(new UserReactivated("anna@sales"))
                .expectResultMessagePayload(2L);
        fixture.given(CREATED)
                .when(new ReactivateUser("anna@sales", null))
                .expectNoEvents()
                .expectException(hasProperty("rule", equalTo("user-active")));
    }
}
