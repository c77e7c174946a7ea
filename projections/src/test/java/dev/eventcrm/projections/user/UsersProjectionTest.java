package dev.eventcrm.projections.user;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.events.user.UserCreated;
import dev.eventcrm.events.user.UserDeactivated;
import dev.eventcrm.events.user.UserMovedToTeam;
import dev.eventcrm.events.user.UserReactivated;
import dev.eventcrm.events.user.UserRenamed;
import dev.eventcrm.events.user.UserRoleChanged;
import dev.eventcrm.events.user.UserTimeZoneChanged;
import dev.eventcrm.events.user.UserWorkingHoursChanged;
import dev.eventcrm.events.user.WorkingHours;
import dev.eventcrm.projections.core.Projection;
import dev.eventcrm.projections.event.EnvelopeParser;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.testing.InMemoryEventHistory;
import dev.eventcrm.projections.testing.MongoTestServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.util.Date;
import java.util.List;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.TUESDAY;
import static dev.eventcrm.projections.testing.MongoTestServer.TIMEOUT;
import static dev.eventcrm.projections.testing.MongoTestServer.byId;
import static dev.eventcrm.projections.testing.TestEvents.T0;
import static dev.eventcrm.projections.testing.TestEvents.dealOpened;
import static dev.eventcrm.projections.testing.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

class UsersProjectionTest {
    private static final WorkingHours OFFICE = new WorkingHours(List.of(MONDAY, TUESDAY, FRIDAY),
            LocalTime.of(8, 30), LocalTime.of(17, 0));

    private static MongoTestServer mongo;
    private MongoDatabase database;
    private InMemoryEventHistory history;
    private Projection users;

    @BeforeAll
    static void startMongo() {
        mongo = new MongoTestServer();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @BeforeEach
    void freshUsers() {
        database = mongo.freshDatabase();
        history = new InMemoryEventHistory();
        users = UsersProjection.create(database, history, TIMEOUT);
        users.prepare();
    }

    private static ParsedEvent userEvent(long sequence, Record payload) {
        return event("User", "anna", sequence, T0.plusSeconds(sequence * 60), payload);
    }

    private static ParsedEvent created() {
        return userEvent(0, new UserCreated("anna", "Anna Petrova", "north", "manager", "Europe/Moscow", OFFICE));
    }

    private Document user() {
        return byId(database, UsersProjection.COLLECTION, "anna");
    }

    @Test
    void createdStoresTheUserWithWorkingHoursAsTheApiTakesThem() {
        users.applyBatch(List.of(created()));

        Document user = user();
        assertThat(user.getString("id")).isEqualTo("anna");
        assertThat(user.getString("displayName")).isEqualTo("Anna Petrova");
        assertThat(user.getString("teamId")).isEqualTo("north");
        assertThat(user.getString("role")).isEqualTo("manager");
        assertThat(user.getString("timeZone")).isEqualTo("Europe/Moscow");
        assertThat(user.get("workingHours")).isEqualTo(new Document("days", List.of("MON", "TUE", "FRI"))
                .append("from", "08:30").append("to", "17:00"));
        assertThat(user.getBoolean("active")).isTrue();
        assertThat(user.getLong("version")).isZero();
        assertThat(user.getDate("updatedAt")).isEqualTo(Date.from(T0));
    }

    @Test
    void theCommandSidesEnvelopeParses() {
        // the event store's Jackson writes times with seconds and days as DayOfWeek names
        String envelope = "{\"eventId\":\"e1\",\"type\":\"UserCreated\",\"aggregateType\":\"User\","
                + "\"aggregateId\":\"anna\",\"sequence\":0,\"occurredAt\":\"2026-03-02T09:00:00Z\","
                + "\"recordedAt\":\"2026-03-02T09:00:00.003Z\",\"metadata\":{\"actorId\":\"boss\"},"
                + "\"payload\":{\"userId\":\"anna\",\"displayName\":\"Anna Petrova\",\"teamId\":null,"
                + "\"role\":\"manager\",\"timeZone\":\"UTC\",\"workingHours\":{\"days\":[\"MONDAY\",\"SATURDAY\"],"
                + "\"from\":\"09:00:00\",\"to\":\"18:00:00\"}}}";
        users.applyBatch(List.of(new EnvelopeParser().parse(envelope)));

        assertThat(user().get("teamId")).isNull();
        assertThat(user().get("workingHours")).isEqualTo(new Document("days", List.of("MON", "SAT"))
                .append("from", "09:00").append("to", "18:00"));
    }

    @Test
    void eachChangeUpdatesItsFieldOnly() {
        WorkingHours saturdays = new WorkingHours(List.of(SATURDAY), LocalTime.of(10, 0), LocalTime.of(14, 0));
        users.applyBatch(List.of(created(),
                userEvent(1, new UserRenamed("anna", "Anna Petrova", "Anna Orlova")),
                userEvent(2, new UserMovedToTeam("anna", "north", null)),
                userEvent(3, new UserRoleChanged("anna", "manager", "head-of-sales")),
                userEvent(4, new UserTimeZoneChanged("anna", "Europe/Moscow", "Asia/Yekaterinburg")),
                userEvent(5, new UserWorkingHoursChanged("anna", OFFICE, saturdays))));

        Document user = user();
        assertThat(user.getString("displayName")).isEqualTo("Anna Orlova");
        assertThat(user.get("teamId")).isNull();
        assertThat(user.getString("role")).isEqualTo("head-of-sales");
        assertThat(user.getString("timeZone")).isEqualTo("Asia/Yekaterinburg");
        assertThat(user.get("workingHours")).isEqualTo(new Document("days", List.of("SAT"))
                .append("from", "10:00").append("to", "14:00"));
        assertThat(user.getBoolean("active")).isTrue();
        assertThat(user.getLong("version")).isEqualTo(5L);
        assertThat(user.getDate("updatedAt")).isEqualTo(Date.from(T0.plusSeconds(300)));
    }

    @Test
    void deactivationAndReactivationSwitchActive() {
        users.applyBatch(List.of(created(), userEvent(1, new UserDeactivated("anna"))));
        assertThat(user().getBoolean("active")).isFalse();
        assertThat(user().getString("teamId")).isEqualTo("north");

        users.applyBatch(List.of(userEvent(2, new UserReactivated("anna"))));
        assertThat(user().getBoolean("active")).isTrue();
    }

    @Test
    void aRedeliveredEventChangesNothingAndAGapIsHealed() {
        ParsedEvent renamed = userEvent(1, new UserRenamed("anna", "Anna Petrova", "Anna Orlova"));
        ParsedEvent deactivated = userEvent(2, new UserDeactivated("anna"));
        history.store(created(), renamed, deactivated);

        users.applyBatch(List.of(created()));
        users.applyBatch(List.of(deactivated));
        Document healed = user();
        assertThat(healed.getString("displayName")).isEqualTo("Anna Orlova");
        assertThat(healed.getBoolean("active")).isFalse();
        assertThat(healed.getLong("version")).isEqualTo(2L);

        users.applyBatch(List.of(created(), renamed));
        assertThat(user()).isEqualTo(healed);
    }

    @Test
    void otherAggregatesLeaveTheUsersAlone() {
        users.applyBatch(List.of(dealOpened("d1", "c1", "10.00", Instant.parse("2026-03-02T10:00:00Z"))));

        assertThat(MongoTestServer.all(database, UsersProjection.COLLECTION)).isEmpty();
    }
}
