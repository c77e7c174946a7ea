package dev.eventcrm.projections.task;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.events.task.TaskCancelled;
import dev.eventcrm.events.task.TaskCompleted;
import dev.eventcrm.events.task.TaskCreated;
import dev.eventcrm.events.task.TaskReassigned;
import dev.eventcrm.events.task.TaskRescheduled;
import dev.eventcrm.events.task.TaskType;
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
import java.util.Date;
import java.util.List;

import static dev.eventcrm.projections.testing.MongoTestServer.TIMEOUT;
import static dev.eventcrm.projections.testing.MongoTestServer.byId;
import static dev.eventcrm.projections.testing.TestEvents.T0;
import static dev.eventcrm.projections.testing.TestEvents.dealOpened;
import static dev.eventcrm.projections.testing.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

class TasksProjectionTest {
    private static final Instant DUE = Instant.parse("2026-03-03T07:00:00Z");
    private static final Instant LATER = Instant.parse("2026-03-04T12:30:00Z");

    private static MongoTestServer mongo;
    private MongoDatabase database;
    private InMemoryEventHistory history;
    private Projection tasks;

    @BeforeAll
    static void startMongo() {
        mongo = new MongoTestServer();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @BeforeEach
    void freshTasks() {
        database = mongo.freshDatabase();
        history = new InMemoryEventHistory();
        tasks = TasksProjection.create(database, history, TIMEOUT);
        tasks.prepare();
    }

    private static ParsedEvent taskEvent(long sequence, Record payload) {
        return event("Task", "t1", sequence, T0.plusSeconds(sequence * 60), payload);
    }

    private static ParsedEvent created() {
        return taskEvent(0, new TaskCreated("t1", TaskType.CALL, DUE, "anna", "c1", null, "ask about the fleet"));
    }

    private Document task() {
        return byId(database, TasksProjection.COLLECTION, "t1");
    }

    @Test
    void createdStoresAnOpenTask() {
        tasks.applyBatch(List.of(created()));

        Document task = task();
        assertThat(task.getString("id")).isEqualTo("t1");
        assertThat(task.getString("type")).isEqualTo("CALL");
        assertThat(task.getDate("dueAt")).isEqualTo(Date.from(DUE));
        assertThat(task.getString("assigneeId")).isEqualTo("anna");
        assertThat(task.getString("contactId")).isEqualTo("c1");
        assertThat(task.get("dealId")).isNull();
        assertThat(task.getString("note")).isEqualTo("ask about the fleet");
        assertThat(task.getString("status")).isEqualTo("OPEN");
        assertThat(task.get("result")).isNull();
        assertThat(task.get("completedAt")).isNull();
        assertThat(task.getLong("version")).isZero();
        assertThat(task.getDate("createdAt")).isEqualTo(Date.from(T0));
    }

    @Test
    void rescheduledReassignedThenCompleted() {
        tasks.applyBatch(List.of(created(),
                taskEvent(1, new TaskRescheduled("t1", DUE, LATER)),
                taskEvent(2, new TaskReassigned("t1", "anna", "boris")),
                taskEvent(3, new TaskCompleted("t1", "demo booked"))));

        Document task = task();
        assertThat(task.getDate("dueAt")).isEqualTo(Date.from(LATER));
        assertThat(task.getString("assigneeId")).isEqualTo("boris");
        assertThat(task.getString("status")).isEqualTo("COMPLETED");
        assertThat(task.getString("result")).isEqualTo("demo booked");
        assertThat(task.getDate("completedAt")).isEqualTo(Date.from(T0.plusSeconds(180)));
        assertThat(task.getDate("closedAt")).isEqualTo(Date.from(T0.plusSeconds(180)));
        assertThat(task.getString("note")).isEqualTo("ask about the fleet");
        assertThat(task.getLong("version")).isEqualTo(3L);
        assertThat(task.getDate("createdAt")).isEqualTo(Date.from(T0));
        assertThat(task.getDate("updatedAt")).isEqualTo(Date.from(T0.plusSeconds(180)));
    }

    @Test
    void cancelledKeepsTheReasonAndIsNotCompleted() {
        tasks.applyBatch(List.of(created(), taskEvent(1, new TaskCancelled("t1", "client left"))));

        Document task = task();
        assertThat(task.getString("status")).isEqualTo("CANCELLED");
        assertThat(task.getString("cancelReason")).isEqualTo("client left");
        assertThat(task.get("completedAt")).isNull();
        assertThat(task.getDate("closedAt")).isEqualTo(Date.from(T0.plusSeconds(60)));
    }

    @Test
    void theCommandSidesEnvelopeParses() {
        String envelope = "{\"eventId\":\"e1\",\"type\":\"TaskCreated\",\"aggregateType\":\"Task\","
                + "\"aggregateId\":\"t1\",\"sequence\":0,\"occurredAt\":\"2026-03-02T09:00:00Z\","
                + "\"recordedAt\":\"2026-03-02T09:00:00.003Z\",\"metadata\":{\"actorId\":\"boss\"},"
                + "\"payload\":{\"taskId\":\"t1\",\"type\":\"MEETING\",\"dueAt\":\"2026-03-03T07:00:00Z\","
                + "\"assigneeId\":\"anna\",\"contactId\":null,\"dealId\":\"d1\",\"note\":null}}";
        tasks.applyBatch(List.of(new EnvelopeParser().parse(envelope)));

        assertThat(task().getString("type")).isEqualTo("MEETING");
        assertThat(task().getString("dealId")).isEqualTo("d1");
        assertThat(task().getDate("dueAt")).isEqualTo(Date.from(DUE));
    }

    @Test
    void aRedeliveredEventChangesNothingAndAGapIsHealed() {
        ParsedEvent rescheduled = taskEvent(1, new TaskRescheduled("t1", DUE, LATER));
        ParsedEvent completed = taskEvent(2, new TaskCompleted("t1", null));
        history.store(created(), rescheduled, completed);

        tasks.applyBatch(List.of(created()));
        tasks.applyBatch(List.of(completed));
        Document healed = task();
        assertThat(healed.getDate("dueAt")).isEqualTo(Date.from(LATER));
        assertThat(healed.getString("status")).isEqualTo("COMPLETED");
        assertThat(healed.getLong("version")).isEqualTo(2L);

        tasks.applyBatch(List.of(created(), rescheduled));
        assertThat(task()).isEqualTo(healed);
    }

    @Test
    void otherAggregatesLeaveTheTasksAlone() {
        tasks.applyBatch(List.of(dealOpened("d1", "c1", "10.00", Instant.parse("2026-03-02T10:00:00Z"))));

        assertThat(MongoTestServer.all(database, TasksProjection.COLLECTION)).isEmpty();
    }
}
