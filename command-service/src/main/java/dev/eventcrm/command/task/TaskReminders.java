package dev.eventcrm.command.task;

import dev.eventcrm.command.automation.AutomationCommands;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.events.task.TaskCreated;
import dev.eventcrm.events.task.TaskRescheduled;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/**
 * Schedules a task's reminders when it is created or rescheduled: {@code crm.tasks.reminder-lead} before its due time
 * and at its due time. They are deadlines of the task aggregate ({@link Task#remind}), stored in the transaction of the
 * event that scheduled them, and recorded as {@code TaskReminderDue} with that event as their cause. A reminder whose
 * time has already passed when it is scheduled is left out (a task entered after the fact is not reminded); one that
 * falls due while the service is down fires once it is back.
 */
@Component
class TaskReminders {

    static final String DEADLINE = "task-reminder";

    /** The deadline's payload: the due time it was scheduled for, so a rescheduled task ignores it. */
    record Reminder(Instant dueAt, Instant remindAt, long leadMinutes) {
    }

    private final Duration lead;

    TaskReminders(TaskProperties properties) {
        this.lead = properties.reminderLead();
    }

    @EventHandler
    void on(TaskCreated event, EventMessage<?> message, DeadlineManager deadlines) {
        schedule(event.taskId(), event.dueAt(), message, deadlines);
    }

    @EventHandler
    void on(TaskRescheduled event, EventMessage<?> message, DeadlineManager deadlines) {
        schedule(event.taskId(), event.dueAt(), message, deadlines);
    }

    private void schedule(String taskId, Instant dueAt, EventMessage<?> cause, DeadlineManager deadlines) {
        Instant now = GenericEventMessage.clock.instant();
        AggregateScopeDescriptor task = new AggregateScopeDescriptor(AggregateLookup.TASK, taskId);
        if (!lead.isZero()) {
            scheduleAt(dueAt.minus(lead), new Reminder(dueAt, dueAt.minus(lead), lead.toMinutes()), now, cause, task,
                    deadlines);
        }
        scheduleAt(dueAt, new Reminder(dueAt, dueAt, 0), now, cause, task, deadlines);
    }

    private static void scheduleAt(Instant remindAt, Reminder reminder, Instant now, EventMessage<?> cause,
                                   AggregateScopeDescriptor task, DeadlineManager deadlines) {
        if (remindAt.isAfter(now)) {
            deadlines.schedule(remindAt, DEADLINE,
                    new GenericMessage<>(reminder, AutomationCommands.metadata(cause, remindAt)), task);
        }
    }
}
