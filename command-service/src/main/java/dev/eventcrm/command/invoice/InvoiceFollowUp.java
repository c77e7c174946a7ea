package dev.eventcrm.command.invoice;

import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.command.automation.AutomationCommands;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.task.CompleteTask;
import dev.eventcrm.command.task.CreateTask;
import dev.eventcrm.command.task.Task;
import dev.eventcrm.command.user.UserProperties;
import dev.eventcrm.events.invoice.InvoiceIssued;
import dev.eventcrm.events.invoice.InvoicePaid;
import dev.eventcrm.events.task.TaskType;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/**
 * So that an unpaid invoice is never forgotten: issuing one gives the deal's owner a task to check its payment on
 * its due date; the payment completes that task. Both reactions are commands in the transaction of the invoice's
 * event ({@link AutomationCommands}).
 */
@Component
public class InvoiceFollowUp {

    static final String RESULT = "invoice paid";

    private final AutomationCommands commands;
    private final RelatedRecords records;
    private final AggregateLookup lookup;
    private final InvoiceProperties invoices;
    private final ZoneId defaultZone;

    InvoiceFollowUp(AutomationCommands commands, RelatedRecords records, AggregateLookup lookup,
                    InvoiceProperties invoices, UserProperties users) {
        this.commands = commands;
        this.records = records;
        this.lookup = lookup;
        this.invoices = invoices;
        this.defaultZone = ZoneId.of(users.defaultTimeZone());
    }

    /** The task of an invoice: its id is derived from the invoice's, so the invoice has at most one. */
    public static String taskId(String invoiceId) {
        return UUID.nameUUIDFromBytes(("invoice-payment-check:" + invoiceId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    @EventHandler
    void on(InvoiceIssued event, EventMessage<?> message) {
        String taskId = taskId(event.invoiceId());
        if (lookup.exists(taskId, AggregateLookup.TASK)) {
            return; // the event handled again: its task exists
        }
        RelatedRecords.DealParties deal = records.deal(event.dealId()).orElseThrow(() -> new IllegalStateException(
                "invoice " + event.invoiceId() + " names deal " + event.dealId() + ", which is unknown"));
        ZoneId zone = records.timeZone(deal.ownerId()).orElse(defaultZone);
        Instant dueAt = event.dueDate().atTime(invoices.followUpTime()).atZone(zone).toInstant();
        commands.send(new CreateTask(taskId, TaskType.OTHER, dueAt, deal.ownerId(), event.contactId(),
                event.dealId(), "Check payment of invoice " + event.number()), message);
    }

    /**
     * A task its owner already completed or cancelled stays as they left it, also when they close it while the
     * payment is recorded (the task's lock orders the two: the payment then finds it closed).
     */
    @EventHandler
    void on(InvoicePaid event, EventMessage<?> message) {
        String taskId = taskId(event.invoiceId());
        if (records.isOpenTask(taskId)) {
            try {
                commands.send(new CompleteTask(taskId, RESULT, null), message);
            } catch (RuleViolation closedMeanwhile) {
                if (!Task.CLOSED.equals(closedMeanwhile.getRule())) {
                    throw closedMeanwhile;
                }
            }
        }
    }
}
