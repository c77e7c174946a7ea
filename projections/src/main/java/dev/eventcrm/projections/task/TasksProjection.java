package dev.eventcrm.projections.task;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.core.DocumentProjection;
import dev.eventcrm.projections.history.EventHistory;

import java.time.Duration;

/** The tasks: one document per task in {@code tasks}, with its due time, assignee, subject and status. */
public final class TasksProjection {
    public static final String NAME = "tasks";
    public static final String COLLECTION = "tasks";
    public static final int VERSION = 1;

    private TasksProjection() {
    }

    public static DocumentProjection<Task> create(MongoDatabase database, EventHistory history, Duration timeout) {
        return new DocumentProjection<>(NAME, VERSION, database, COLLECTION, new TasksFold(), new TaskCodec(),
                history, timeout);
    }
}
