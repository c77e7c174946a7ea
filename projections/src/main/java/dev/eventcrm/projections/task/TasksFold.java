package dev.eventcrm.projections.task;

import dev.eventcrm.events.task.TaskCancelled;
import dev.eventcrm.events.task.TaskCompleted;
import dev.eventcrm.events.task.TaskCreated;
import dev.eventcrm.events.task.TaskReassigned;
import dev.eventcrm.events.task.TaskRescheduled;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.fold.Fold;

import java.time.Instant;
import java.util.List;

/** The tasks' fold: each task's own events shape its document. */
public final class TasksFold implements Fold<Task> {

    @Override
    public List<String> targets(ParsedEvent event) {
        return event.isOf(ParsedEvent.TASK) ? List.of(event.aggregateId()) : List.of();
    }

    @Override
    public Task empty(String documentId) {
        return Task.empty(documentId);
    }

    @Override
    public Task apply(Task t, ParsedEvent event) {
        Instant at = event.occurredAt();
        Record payload = event.payload();
        if (payload instanceof TaskCreated created) {
            return new Task(t.id(), created.type().name(), created.dueAt(), created.assigneeId(), created.contactId(),
                    created.dealId(), created.note(), Task.OPEN, null, null, null, null, at, at);
        }
        if (payload instanceof TaskRescheduled rescheduled) {
            return new Task(t.id(), t.type(), rescheduled.dueAt(), t.assigneeId(), t.contactId(), t.dealId(),
                    t.note(), t.status(), t.result(), t.completedAt(), t.cancelReason(), t.closedAt(), t.createdAt(),
                    at);
        }
        if (payload instanceof TaskReassigned reassigned) {
            return new Task(t.id(), t.type(), t.dueAt(), reassigned.assigneeId(), t.contactId(), t.dealId(),
                    t.note(), t.status(), t.result(), t.completedAt(), t.cancelReason(), t.closedAt(), t.createdAt(),
                    at);
        }
        if (payload instanceof TaskCompleted completed) {
            return new Task(t.id(), t.type(), t.dueAt(), t.assigneeId(), t.contactId(), t.dealId(), t.note(),
                    Task.COMPLETED, completed.result(), at, null, at, t.createdAt(), at);
        }
        if (payload instanceof TaskCancelled cancelled) {
            return new Task(t.id(), t.type(), t.dueAt(), t.assigneeId(), t.contactId(), t.dealId(), t.note(),
                    Task.CANCELLED, null, null, cancelled.reason(), at, t.createdAt(), at);
        }
        // a task event the read model shows nothing else of still marks the task as changed
        return new Task(t.id(), t.type(), t.dueAt(), t.assigneeId(), t.contactId(), t.dealId(), t.note(), t.status(),
                t.result(), t.completedAt(), t.cancelReason(), t.closedAt(), t.createdAt(), at);
    }
}
