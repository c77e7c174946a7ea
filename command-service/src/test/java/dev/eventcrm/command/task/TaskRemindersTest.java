package dev.eventcrm.command.task;

import dev.eventcrm.events.task.TaskCreated;
import dev.eventcrm.events.task.TaskRescheduled;
import dev.eventcrm.events.task.TaskType;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.test.deadline.ScheduledDeadlineInfo;
import org.axonframework.test.deadline.StubDeadlineManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which reminders a task's events schedule, when, and with which audit metadata; with Axon's clock fixed. */
class TaskRemindersTest {

    private static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");

    private final StubDeadlineManager deadlines = new StubDeadlineManager(NOW);
    private final TaskReminders reminders = new TaskReminders(new TaskProperties(Duration.ofMinutes(15)));

    TaskRemindersTest() {
        GenericEventMessage.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @AfterEach
    void restoreClock() {
        GenericEventMessage.clock = Clock.systemUTC();
    }

    @Test
    void aNewTaskIsRemindedTheLeadTimeBeforeItIsDueAndWhenItIsDue() {
        Instant due = NOW.plus(Duration.ofHours(2));
        EventMessage<?> created = created(due);
        reminders.on((TaskCreated) created.getPayload(), created, deadlines);

        List<ScheduledDeadlineInfo> scheduled = deadlines.getScheduledDeadlines();
        assertThat(scheduled).extracting(ScheduledDeadlineInfo::getScheduleTime)
                .containsExactly(due.minus(Duration.ofMinutes(15)), due);
        assertThat(scheduled).extracting(info -> (TaskReminders.Reminder) info.deadlineMessage().getPayload())
                .containsExactly(new TaskReminders.Reminder(due, due.minus(Duration.ofMinutes(15)), 15),
                        new TaskReminders.Reminder(due, due, 0));
        assertThat(scheduled).allSatisfy(info -> {
            assertThat(info.getDeadlineScope()).isEqualTo(new AggregateScopeDescriptor("Task", "t-1"));
            MetaData metadata = info.deadlineMessage().getMetaData();
            assertThat(metadata).containsEntry("channel", "AUTOMATION").containsEntry("actorId", "automation")
                    .containsEntry("causationId", created.getIdentifier())
                    .containsEntry("correlationId", "request-7");
        });
        assertThat(scheduled.get(0).deadlineMessage().getMetaData())
                .containsEntry("occurredAt", due.minus(Duration.ofMinutes(15)).toString());
    }

    @Test
    void remindersWhoseTimeHasPassedAreLeftOut() {
        Instant due = NOW.plus(Duration.ofMinutes(5));
        EventMessage<?> created = created(due);
        reminders.on((TaskCreated) created.getPayload(), created, deadlines);

        assertThat(deadlines.getScheduledDeadlines()).extracting(ScheduledDeadlineInfo::getScheduleTime)
                .as("the lead reminder would have been 10 minutes ago").containsExactly(due);

        EventMessage<?> late = created(NOW.minus(Duration.ofHours(1)));
        new TaskReminders(new TaskProperties(Duration.ZERO)).on((TaskCreated) late.getPayload(), late,
                deadlines);
        assertThat(deadlines.getScheduledDeadlines()).as("a task entered after the fact").hasSize(1);
    }

    @Test
    void aRescheduledTaskIsRemindedOfItsNewTime() {
        Instant due = NOW.plus(Duration.ofDays(1));
        EventMessage<TaskRescheduled> rescheduled = GenericEventMessage.asEventMessage(
                new TaskRescheduled("t-1", NOW.plus(Duration.ofHours(1)), due));
        reminders.on(rescheduled.getPayload(), rescheduled, deadlines);

        assertThat(deadlines.getScheduledDeadlines())
                .extracting(info -> (TaskReminders.Reminder) info.deadlineMessage().getPayload())
                .containsExactly(new TaskReminders.Reminder(due, due.minus(Duration.ofMinutes(15)), 15),
                        new TaskReminders.Reminder(due, due, 0));
    }

    private static EventMessage<?> created(Instant due) {
        return GenericEventMessage.asEventMessage(new TaskCreated("t-1", TaskType.CALL, due, "m1", "c-1", null,
                        "call back")).andMetaData(MetaData.with("correlationId", "request-7"));
    }
}
