package dev.eventcrm.command.invoice;

import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.command.automation.AutomationCommands;
import dev.eventcrm.command.automation.RecordedAutomation;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.lookup.InMemoryAggregateLookup;
import dev.eventcrm.command.task.CompleteTask;
import dev.eventcrm.command.task.CreateTask;
import dev.eventcrm.command.task.Task;
import dev.eventcrm.command.user.UserProperties;
import dev.eventcrm.events.EventMetadata;
import dev.eventcrm.events.Money;
import dev.eventcrm.events.invoice.InvoiceIssued;
import dev.eventcrm.events.invoice.InvoicePaid;
import dev.eventcrm.events.task.TaskType;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The follow-up of an invoice, with Axon's clock fixed: the commands it sends and their audit metadata. */
class InvoiceFollowUpTest {

    private static final Instant NOW = Instant.parse("2026-11-20T08:15:00Z");
    private static final InvoiceIssued ISSUED = new InvoiceIssued("i1", "d1", "c1", "INV-7",
            new Money(new BigDecimal("1500.00"), "EUR"), LocalDate.parse("2026-11-30"));
    private static final String TASK = InvoiceFollowUp.taskId("i1");

    private RecordedAutomation automation;
    private InMemoryRelatedRecords records;
    private InMemoryAggregateLookup lookup;

    @BeforeEach
    void setUp() {
        GenericEventMessage.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        automation = new RecordedAutomation();
        records = new InMemoryRelatedRecords().deal("d1", "c1", "m1");
        lookup = new InMemoryAggregateLookup();
    }

    @AfterEach
    void restoreClock() {
        GenericEventMessage.clock = Clock.systemUTC();
    }

    @Test
    void anIssuedInvoiceGivesTheOwnerATaskAtTenOnTheDueDateInTheOwnersZone() {
        records.user("m1", "Asia/Vladivostok");
        EventMessage<?> issued = event(ISSUED);
        followUp("10:00", "Europe/Moscow").on(ISSUED, issued);

        assertThat(automation.sent()).singleElement().satisfies(sent -> {
            assertThat(sent.getPayload()).isEqualTo(new CreateTask(TASK, TaskType.OTHER,
                    Instant.parse("2026-11-30T00:00:00Z"), "m1", "c1", "d1", "Check payment of invoice INV-7"));
            assertCausedBy(sent, issued);
        });
    }

    @Test
    void anOwnerWithoutAKnownZoneGetsTheTaskInTheInstallationsZoneAtTheConfiguredTime() {
        followUp("09:30", "Europe/Kaliningrad").on(ISSUED, event(ISSUED));
        assertThat(((CreateTask) automation.sent().get(0).getPayload()).dueAt())
                .isEqualTo(Instant.parse("2026-11-30T07:30:00Z"));
    }

    @Test
    void theTaskIdIsTheInvoicesSoAnInvoiceHandledAgainCreatesNoSecondTask() {
        assertThat(InvoiceFollowUp.taskId("i1")).isEqualTo(TASK).isNotEqualTo(InvoiceFollowUp.taskId("i2"));
        lookup.with(TASK, AggregateLookup.TASK);
        followUp("10:00", "UTC").on(ISSUED, event(ISSUED));
        assertThat(automation.sent()).isEmpty();
    }

    @Test
    void aPaymentCompletesTheOpenTask() {
        records.openTask(TASK);
        InvoicePaid paid = new InvoicePaid("i1", LocalDate.parse("2026-11-28"));
        EventMessage<?> message = event(paid);
        followUp("10:00", "UTC").on(paid, message);

        assertThat(automation.sent()).singleElement().satisfies(sent -> {
            assertThat(sent.getPayload()).isEqualTo(new CompleteTask(TASK, "invoice paid", null));
            assertCausedBy(sent, message);
        });
    }

    @Test
    void aPaymentLeavesATaskTheOwnerAlreadyClosedAsItIs() {
        InvoicePaid paid = new InvoicePaid("i1", LocalDate.parse("2026-11-28"));
        followUp("10:00", "UTC").on(paid, event(paid));
        assertThat(automation.sent()).isEmpty();
    }

    @Test
    void aPaymentRecordedWhileTheOwnerClosesTheTaskStillSucceeds() {
        records.openTask(TASK); // open when looked up, closed by the owner before the completion takes its lock
        automation.refusing(new RuleViolation(Task.CLOSED, "Task " + TASK + " is completed or cancelled"));
        InvoicePaid paid = new InvoicePaid("i1", LocalDate.parse("2026-11-28"));
        followUp("10:00", "UTC").on(paid, event(paid));
        assertThat(automation.sent()).hasSize(1);
    }

    @Test
    void anyOtherRefusalOfTheCompletionFailsThePayment() {
        records.openTask(TASK);
        automation.refusing(new RuleViolation("last-next-step", "not this one"));
        InvoicePaid paid = new InvoicePaid("i1", LocalDate.parse("2026-11-28"));
        assertThatThrownBy(() -> followUp("10:00", "UTC").on(paid, event(paid)))
                .isInstanceOf(RuleViolation.class);
    }

    private InvoiceFollowUp followUp(String time, String defaultZone) {
        return new InvoiceFollowUp(automation.commands(), records, lookup,
                new InvoiceProperties(LocalTime.parse(time)), new UserProperties(defaultZone));
    }

    private static EventMessage<?> event(Object payload) {
        return GenericEventMessage.asEventMessage(payload)
                .andMetaData(MetaData.with(EventMetadata.CORRELATION_ID, "request-1"));
    }

    private static void assertCausedBy(CommandMessage<?> sent, EventMessage<?> cause) {
        assertThat(sent.getMetaData())
                .containsEntry(EventMetadata.CHANNEL, AutomationCommands.CHANNEL)
                .containsEntry(EventMetadata.ACTOR_ID, AutomationCommands.ACTOR)
                .containsEntry(EventMetadata.CAUSATION_ID, cause.getIdentifier())
                .containsEntry(EventMetadata.CORRELATION_ID, "request-1")
                .containsEntry(EventMetadata.OCCURRED_AT, NOW.toString());
    }
}
