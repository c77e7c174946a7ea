package dev.eventcrm.command.task;

import dev.eventcrm.command.CommandServiceApplication;
import dev.eventcrm.command.dispatch.EventStoreUnderTest;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reminders are durable: whole command-service instances are started and stopped over one event store per test
 * (PostgreSQL when CRM_TEST_POSTGRES_URL is set, as in CI, else H2). Lead time 2 s and a 200 ms deadline poll keep the
 * waits short.
 */
class TaskRemindersRestartTest {

    /** One per test, so that one test's pending deadlines are not another's. */
    private final String eventStore = EventStoreUnderTest.freshUrl("reminders");
    private final JdbcTemplate store = new JdbcTemplate(new DriverManagerDataSource(eventStore));
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration LEAD = Duration.ofSeconds(2);

    @Test
    void remindersThatFellDueWhileTheServiceWasDownFireOnceAfterTheRestart() throws Exception {
        String taskId;
        Instant dueAt;
        try (ConfigurableApplicationContext first = start(true)) {
            // far enough ahead that a loaded machine still schedules the lead reminder before its time passes
            dueAt = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
            taskId = createTask(first, dueAt);
        }
        // both reminders (due - 2 s, due) fall due while no instance runs
        Instant afterDue = dueAt.plusSeconds(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> Instant.now().isAfter(afterDue));
        assertThat(reminders(taskId)).isEmpty();

        try (ConfigurableApplicationContext restarted = start(false)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> reminders(taskId).size() == 2);
            // a deadline run a second time (as after a crash before db-scheduler removed it) records nothing
            restarted.getBean(DeadlineManager.class).schedule(Instant.now(), TaskReminders.DEADLINE,
                    new TaskReminders.Reminder(dueAt, dueAt, 0), new AggregateScopeDescriptor("Task", taskId));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> store.queryForObject("SELECT COUNT(*) FROM scheduled_tasks", Long.class) == 0);
            // over several polls nothing fires again
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> reminders(taskId).size() == 2);
            List<Map<String, JsonNode>> reminders = reminders(taskId);
            assertThat(reminders).hasSize(2);
            assertThat(reminders).extracting(reminder -> Instant.parse(reminder.get("payload").path("remindAt")
                    .asString())).containsExactlyInAnyOrder(dueAt.minus(LEAD), dueAt);
            String created = store.queryForObject("SELECT eventIdentifier FROM DomainEventEntry WHERE "
                    + "aggregateIdentifier = ? AND sequenceNumber = 0", String.class, taskId);
            assertThat(reminders).allSatisfy(reminder -> {
                JsonNode metadata = reminder.get("metaData");
                assertThat(metadata.path("channel").asString()).isEqualTo("AUTOMATION");
                assertThat(metadata.path("causationId").asString()).as("the event that scheduled it")
                        .isEqualTo(created);
                assertThat(metadata.path("occurredAt").asString())
                        .isEqualTo(reminder.get("payload").path("remindAt").asString());
                assertThat(reminder.get("payload").path("assigneeId").asString()).isEqualTo("m1");
            });
        }
    }

    @Test
    void twoInstancesRecordEachReminderOnceAndARescheduledOrCompletedTaskIsNotRemindedOfItsOldTime()
            throws Exception {
        try (ConfigurableApplicationContext one = start(true);
             ConfigurableApplicationContext two = start(false)) {
            Instant dueAt = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
            List<String> tasks = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                tasks.add(createTask(i % 2 == 0 ? one : two, dueAt));
            }
            String rescheduled = createTask(one, dueAt);
            Instant later = dueAt.plus(Duration.ofHours(1));
            client(two).post().uri("/api/v1/tasks/{id}/reschedule", rescheduled)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("dueAt", later.toString()))
                    .exchange().expectStatus().isOk();
            String completed = createTask(two, dueAt);
            client(one).post().uri("/api/v1/tasks/{id}/complete", completed)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("result", "done early"))
                    .exchange().expectStatus().isOk();

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> tasks.stream().allMatch(task -> reminders(task).size() == 2));
            // over several polls nothing fires again, for any of them
            await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(5))
                    .until(() -> tasks.stream().allMatch(task -> reminders(task).size() == 2));
            for (String task : tasks) {
                assertThat(reminders(task)).as("task %s", task).hasSize(2);
            }
            assertThat(reminders(rescheduled)).as("reminded of its new time only, an hour later").isEmpty();
            assertThat(reminders(completed)).isEmpty();
        }
    }

    private ConfigurableApplicationContext start(boolean migrate) {
        return new SpringApplicationBuilder(CommandServiceApplication.class)
                .properties("server.port=0", "crm.publication.enabled=false", "axon.axonserver.enabled=false",
                        "crm.eventstore.url=" + eventStore, "crm.tasks.reminder-lead=" + LEAD.toSeconds() + "s",
                        "crm.automation.deadline-poll=200ms", "spring.flyway.enabled=" + migrate)
                .run();
    }

    private static WebTestClient client(ConfigurableApplicationContext context) {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + context.getEnvironment().getProperty("local.server.port")).build();
    }

    private static String createTask(ConfigurableApplicationContext context, Instant dueAt) {
        String contactId = id(client(context).post().uri("/api/v1/contacts").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Anna Petrova", "phones", List.of(), "emails", List.of(), "ownerId", "m1")));
        return id(client(context).post().uri("/api/v1/tasks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("type", "CALL", "dueAt", dueAt.toString(), "assigneeId", "m1",
                        "contactId", contactId)));
    }

    private static String id(WebTestClient.RequestHeadersSpec<?> request) {
        byte[] body = request.exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        return JSON.readTree(new String(body, StandardCharsets.UTF_8)).path("id").asString();
    }

    /** The task's recorded reminders, read through connections of the test's own: no instance need be running. */
    private List<Map<String, JsonNode>> reminders(String taskId) {
        return store.query("SELECT payload, metaData FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                        + "AND payloadType = 'dev.eventcrm.events.task.TaskReminderDue'",
                (row, i) -> Map.of("payload", json(row.getBytes(1)), "metaData", json(row.getBytes(2))), taskId);
    }

    private static JsonNode json(byte[] bytes) {
        return JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
    }
}
