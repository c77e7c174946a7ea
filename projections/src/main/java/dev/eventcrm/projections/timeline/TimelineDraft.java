package dev.eventcrm.projections.timeline;

import dev.eventcrm.events.EventMetadata;
import dev.eventcrm.events.activity.EmailLogged;
import dev.eventcrm.events.activity.MeetingLogged;
import dev.eventcrm.events.activity.NoteAdded;
import dev.eventcrm.events.call.CallLogged;
import dev.eventcrm.events.contact.ContactArchived;
import dev.eventcrm.events.contact.ContactCreated;
import dev.eventcrm.events.contact.ContactMerged;
import dev.eventcrm.events.contact.ContactMergedInto;
import dev.eventcrm.events.contact.ContactOwnerAssigned;
import dev.eventcrm.events.contact.ContactRestored;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealOwnerAssigned;
import dev.eventcrm.events.deal.DealReopened;
import dev.eventcrm.events.deal.DealStageMoved;
import dev.eventcrm.events.deal.DealStages;
import dev.eventcrm.events.invoice.InvoiceIssued;
import dev.eventcrm.events.invoice.InvoicePaid;
import dev.eventcrm.events.task.TaskCancelled;
import dev.eventcrm.events.task.TaskCompleted;
import dev.eventcrm.events.task.TaskCreated;
import dev.eventcrm.events.task.TaskReassigned;
import dev.eventcrm.events.task.TaskReminderDue;
import dev.eventcrm.events.task.TaskRescheduled;
import dev.eventcrm.projections.event.ParsedEvent;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * What the timeline shows of one event, before its contact and deal are known for certain: a pure mapping. A deal's
 * later events name only the deal, and a task's or an invoice's later events only the task or invoice;
 * {@link TimelineProjection} fills in the deal's contact and the task's or invoice's contact and deal.
 *
 * @param subjectId set for a task or invoice event other than its first: the task or invoice whose contact and deal
 *                  it takes (named by that first event, {@link TaskCreated} or {@link InvoiceIssued})
 */
record TimelineDraft(ParsedEvent event, String kind, Instant occurredAt, String contactId, String dealId,
                     String subjectId, Document summary) {

    static Optional<TimelineDraft> of(ParsedEvent event) {
        return Optional.ofNullable(activity(event)).or(() -> Optional.ofNullable(deal(event)))
                .or(() -> Optional.ofNullable(contact(event))).or(() -> Optional.ofNullable(task(event)))
                .or(() -> Optional.ofNullable(invoice(event)));
    }

    private static TimelineDraft activity(ParsedEvent event) {
        Record payload = event.payload();
        if (payload instanceof CallLogged call) {
            return new TimelineDraft(event, TimelineKind.CALL, call.occurredAt(), call.contactId(), call.dealId(),
                    null, new Document("direction", name(call.direction()))
                    .append("outcome", name(call.outcome()))
                    .append("durationSeconds", call.durationSeconds())
                    .append("notes", call.notes()));
        }
        if (payload instanceof MeetingLogged meeting) {
            return new TimelineDraft(event, TimelineKind.MEETING, meeting.occurredAt(), meeting.contactId(),
                    meeting.dealId(), null, new Document("subject", meeting.subject())
                    .append("result", meeting.result()));
        }
        if (payload instanceof EmailLogged email) {
            return new TimelineDraft(event, TimelineKind.EMAIL, email.occurredAt(), email.contactId(),
                    email.dealId(), null, new Document("direction", name(email.direction()))
                    .append("subject", email.subject()));
        }
        if (payload instanceof NoteAdded note) {
            // a note has no time of its own: it is written when it is added
            return new TimelineDraft(event, TimelineKind.NOTE, event.occurredAt(), note.contactId(), note.dealId(),
                    null, new Document("text", note.text()));
        }
        return null;
    }

    /** A deal's events after its opening name only the deal: its contact is filled in later. */
    private static TimelineDraft deal(ParsedEvent event) {
        Record payload = event.payload();
        if (payload instanceof DealOpened opened) {
            return new TimelineDraft(event, TimelineKind.DEAL_OPENED, event.occurredAt(), opened.contactId(),
                    event.aggregateId(), null, new Document("title", opened.title())
                    .append("amount", opened.amount() == null ? null
                            : new Document("value", opened.amount().value().toPlainString())
                            .append("currency", opened.amount().currency()))
                    .append("ownerId", opened.ownerId())
                    .append("pipelineId", opened.pipelineId())
                    .append("stage", opened.stage()));
        }
        Document summary;
        String kind;
        if (payload instanceof DealStageMoved moved) {
            kind = stageKind(moved);
            summary = new Document("from", moved.from())
                    .append("to", moved.to())
                    .append("pipelineId", moved.pipelineId() == null ? DealStages.PIPELINE : moved.pipelineId())
                    .append("regression", Boolean.TRUE.equals(moved.regression()))
                    .append("lossReason", moved.lossReason())
                    .append("comment", moved.comment());
        } else if (payload instanceof DealReopened reopened) {
            kind = TimelineKind.DEAL_REOPENED;
            summary = new Document("from", reopened.from()).append("to", reopened.to())
                    .append("pipelineId", reopened.pipelineId());
        } else if (payload instanceof DealOwnerAssigned owner) {
            kind = TimelineKind.OWNER_CHANGED;
            summary = owners(owner.previousOwnerId(), owner.newOwnerId());
        } else {
            return null;
        }
        return new TimelineDraft(event, kind, event.occurredAt(), null, event.aggregateId(), null, summary);
    }

    private static TimelineDraft contact(ParsedEvent event) {
        Record payload = event.payload();
        Document summary;
        String kind;
        if (payload instanceof ContactCreated created) {
            kind = TimelineKind.CONTACT_CREATED;
            summary = new Document("name", created.personal() == null ? null : created.personal().name())
                    .append("ownerId", created.ownerId())
                    .append("source", created.source());
        } else if (payload instanceof ContactOwnerAssigned owner) {
            kind = TimelineKind.OWNER_CHANGED;
            summary = owners(owner.previousOwnerId(), owner.newOwnerId());
        } else if (payload instanceof ContactArchived archived) {
            kind = TimelineKind.CONTACT_ARCHIVED;
            summary = new Document("reason", archived.reason());
        } else if (payload instanceof ContactRestored) {
            kind = TimelineKind.CONTACT_RESTORED;
            summary = new Document();
        } else if (payload instanceof ContactMerged merged) {
            kind = TimelineKind.CONTACT_MERGED;
            summary = new Document("survivorId", merged.contactId()).append("duplicateId", merged.duplicateId());
        } else if (payload instanceof ContactMergedInto merged) {
            kind = TimelineKind.CONTACT_MERGED;
            summary = new Document("survivorId", merged.survivorId()).append("duplicateId", merged.contactId());
        } else {
            return null;
        }
        return new TimelineDraft(event, kind, event.occurredAt(), event.aggregateId(), null, null, summary);
    }

    /** A task's events after its creation name only the task: its contact and deal are filled in later. */
    private static TimelineDraft task(ParsedEvent event) {
        Record payload = event.payload();
        if (payload instanceof TaskCreated task) {
            return new TimelineDraft(event, TimelineKind.TASK_CREATED, event.occurredAt(), task.contactId(),
                    task.dealId(), null, new Document("type", name(task.type()))
                    .append("dueAt", date(task.dueAt()))
                    .append("assigneeId", task.assigneeId())
                    .append("note", task.note()));
        }
        Document summary;
        String kind;
        if (payload instanceof TaskRescheduled task) {
            kind = TimelineKind.TASK_RESCHEDULED;
            summary = new Document("previousDueAt", date(task.previousDueAt())).append("dueAt", date(task.dueAt()));
        } else if (payload instanceof TaskCompleted task) {
            kind = TimelineKind.TASK_COMPLETED;
            summary = new Document("result", task.result());
        } else if (payload instanceof TaskCancelled task) {
            kind = TimelineKind.TASK_CANCELLED;
            summary = new Document("reason", task.reason());
        } else if (payload instanceof TaskReassigned task) {
            kind = TimelineKind.TASK_REASSIGNED;
            summary = new Document("previousAssigneeId", task.previousAssigneeId())
                    .append("assigneeId", task.assigneeId());
        } else if (payload instanceof TaskReminderDue task) {
            kind = TimelineKind.TASK_REMINDED;
            summary = new Document("assigneeId", task.assigneeId()).append("dueAt", date(task.dueAt()))
                    .append("leadMinutes", task.leadMinutes());
        } else {
            return null;
        }
        return new TimelineDraft(event, kind, event.occurredAt(), null, null, event.aggregateId(), summary);
    }

    /** An invoice's payment names only the invoice: its contact and deal are filled in later. */
    private static TimelineDraft invoice(ParsedEvent event) {
        Record payload = event.payload();
        if (payload instanceof InvoiceIssued issued) {
            return new TimelineDraft(event, TimelineKind.INVOICE_ISSUED, event.occurredAt(), issued.contactId(),
                    issued.dealId(), null, new Document("number", issued.number())
                    .append("amount", new Document("value", issued.amount().value().toPlainString())
                            .append("currency", issued.amount().currency()))
                    .append("dueDate", issued.dueDate().toString()));
        }
        if (payload instanceof InvoicePaid paid) {
            return new TimelineDraft(event, TimelineKind.INVOICE_PAID, event.occurredAt(), null, null,
                    event.aggregateId(), new Document("paidOn", paid.paidOn().toString()));
        }
        return null;
    }

    /** With its contact and deal settled. */
    TimelineEntry entry(String contactId, String dealId) {
        return new TimelineEntry(TimelineEntry.key(event.aggregateId(), event.sequence()), kind, occurredAt,
                event.recordedAt(), event.eventId(), event.aggregateType(), event.aggregateId(), event.sequence(),
                event.metadata().get(EventMetadata.ACTOR_ID), contactId, dealId, summary);
    }

    /** A move into a WON or LOST stage closes the deal: its own kind, so that a client can filter on it. */
    private static String stageKind(DealStageMoved moved) {
        return switch (moved.targetKind()) {
            case WON -> TimelineKind.DEAL_WON;
            case LOST -> TimelineKind.DEAL_LOST;
            case OPEN -> TimelineKind.STAGE_CHANGED;
        };
    }

    private static Document owners(String previous, String current) {
        return new Document("previousOwnerId", previous).append("ownerId", current);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
