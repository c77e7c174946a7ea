package dev.eventcrm.command.task;

import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.command.StaleVersion;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.nextstep.NextStepRule;
import dev.eventcrm.command.nextstep.NextSteps;
import dev.eventcrm.command.owner.Ownership;
import dev.eventcrm.events.task.TaskCancelled;
import dev.eventcrm.events.task.TaskCompleted;
import dev.eventcrm.events.task.TaskCreated;
import dev.eventcrm.events.task.TaskReassigned;
import dev.eventcrm.events.task.TaskReminderDue;
import dev.eventcrm.events.task.TaskRescheduled;
import dev.eventcrm.events.task.TaskType;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A task for a user about a contact and/or a deal. It is open until completed or cancelled, and then final. While
 * open it is part of its assignee's portfolio ({@link Ownership}, kept in the transaction of its events), so that a
 * hand-over moves it with the assignee's deals and contacts.
 */
@Aggregate
public class Task {

    /** Any change to a completed or cancelled task. */
    public static final String CLOSED = "task-closed";
    /** A reassignment that expected another current assignee (a hand-over racing another reassignment). */
    public static final String ASSIGNEE_CHANGED = "assignee-changed";

    @AggregateIdentifier
    private String taskId;
    private Instant dueAt;
    private String assigneeId;
    private boolean closed;
    private TaskType type;
    private String contactId;
    private String dealId;
    private String note;
    /** The reminders recorded for the current due time: a deadline that fires twice is recorded once. */
    private Set<Instant> remindedAt = new HashSet<>();
    /** The deal this task is the next step of; null when it is none. */
    private String nextStepOf;

    protected Task() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    public Task(CreateTask command, AggregateLookup lookup, Ownership ownership, NextSteps nextSteps) {
        if (command.contactId() == null && command.dealId() == null) {
            throw new RuleViolation("task-without-subject", "contactId",
                    "a task is about a contact or a deal: give contactId, dealId or both");
        }
        if (command.contactId() != null && !lookup.exists(command.contactId(), AggregateLookup.CONTACT)) {
            throw new RuleViolation("unknown-contact", "contactId", "no contact with id " + command.contactId());
        }
        if (command.dealId() != null && !lookup.exists(command.dealId(), AggregateLookup.DEAL)) {
            throw new RuleViolation("unknown-deal", "dealId", "no deal with id " + command.dealId());
        }
        if (command.nextStep()) {
            NextStepRule.requireOpenDeal(command.dealId(), nextSteps);
        }
        lookup.register(command.taskId(), AggregateLookup.TASK);
        ownership.owned(command.taskId(), AggregateLookup.TASK, command.assigneeId(), true);
        apply(new TaskCreated(command.taskId(), command.type(), command.dueAt(), command.assigneeId(),
                command.contactId(), command.dealId(), command.note(), command.nextStep()));
    }

    /** Returns the task's version after the change; the same due time again is refused (409 due-unchanged). */
    @CommandHandler
    public long handle(RescheduleTask command) {
        StaleVersion.require(taskId, command.expectedVersion());
        requireOpen();
        if (command.dueAt().equals(dueAt)) {
            throw new RuleViolation("due-unchanged", "Task " + taskId + " is already due at " + dueAt);
        }
        apply(new TaskRescheduled(taskId, dueAt, command.dueAt()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(CompleteTask command, Ownership ownership, NextSteps nextSteps) {
        StaleVersion.require(taskId, command.expectedVersion());
        requireOpen();
        NextStepRule.requireNotLast(taskId, nextStepOf, nextSteps);
        ownership.activated(taskId, false);
        apply(new TaskCompleted(taskId, command.result()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(CancelTask command, Ownership ownership, NextSteps nextSteps) {
        StaleVersion.require(taskId, command.expectedVersion());
        requireOpen();
        NextStepRule.requireNotLast(taskId, nextStepOf, nextSteps);
        ownership.activated(taskId, false);
        apply(new TaskCancelled(taskId, command.reason()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(ReassignTask command, Ownership ownership) {
        StaleVersion.require(taskId, command.expectedVersion());
        requireOpen();
        if (command.fromAssigneeId() != null && !command.fromAssigneeId().equals(assigneeId)) {
            throw new RuleViolation(ASSIGNEE_CHANGED, "Task " + taskId + " is assigned to " + assigneeId + ", not "
                    + command.fromAssigneeId());
        }
        if (command.assigneeId().equals(assigneeId)) {
            throw new RuleViolation("assignee-unchanged", "Task " + taskId + " is already assigned to "
                    + assigneeId);
        }
        ownership.reassigned(taskId, command.assigneeId());
        apply(new TaskReassigned(taskId, assigneeId, command.assigneeId()));
        return AggregateLifecycle.getVersion();
    }

    /**
     * A reminder scheduled by {@link TaskReminders} fell due. It is recorded only for an open task that is still due
     * when it was scheduled for, and once: a rescheduled task's earlier reminders, and a deadline run again after a
     * crash, change nothing.
     */
    @DeadlineHandler(deadlineName = TaskReminders.DEADLINE)
    void remind(TaskReminders.Reminder reminder) {
        if (closed || !reminder.dueAt().equals(dueAt) || remindedAt.contains(reminder.remindAt())) {
            return;
        }
        apply(new TaskReminderDue(taskId, assigneeId, dueAt, reminder.remindAt(), reminder.leadMinutes(), type,
                contactId, dealId, note));
    }

    private void requireOpen() {
        if (closed) {
            throw new RuleViolation(CLOSED, "Task " + taskId + " is completed or cancelled and cannot change");
        }
    }

    @EventSourcingHandler
    void on(TaskCreated event) {
        taskId = event.taskId();
        dueAt = event.dueAt();
        assigneeId = event.assigneeId();
        type = event.type();
        contactId = event.contactId();
        dealId = event.dealId();
        note = event.note();
        nextStepOf = event.nextStep() ? event.dealId() : null;
    }

    @EventSourcingHandler
    void on(TaskRescheduled event) {
        dueAt = event.dueAt();
        remindedAt.clear();
    }

    @EventSourcingHandler
    void on(TaskReminderDue event) {
        remindedAt.add(event.remindAt());
    }

    @EventSourcingHandler
    void on(TaskReassigned event) {
        assigneeId = event.assigneeId();
    }

    @EventSourcingHandler
    void on(TaskCompleted event) {
        closed = true;
    }

    @EventSourcingHandler
    void on(TaskCancelled event) {
        closed = true;
    }
}
