package dev.eventcrm.projections.timeline;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.events.Money;
import dev.eventcrm.events.activity.EmailDirection;
import dev.eventcrm.events.activity.EmailLogged;
import dev.eventcrm.events.activity.MeetingLogged;
import dev.eventcrm.events.activity.NoteAdded;
import dev.eventcrm.events.call.CallOutcome;
import dev.eventcrm.events.contact.ContactArchived;
import dev.eventcrm.events.contact.ContactMerged;
import dev.eventcrm.events.contact.ContactMergedInto;
import dev.eventcrm.events.contact.ContactOwnerAssigned;
import dev.eventcrm.events.contact.ContactPersonalData;
import dev.eventcrm.events.contact.ContactRestored;
import dev.eventcrm.events.deal.DealReopened;
import dev.eventcrm.events.deal.DealStageMoved;
import dev.eventcrm.events.invoice.InvoiceIssued;
import dev.eventcrm.events.invoice.InvoicePaid;
import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.events.task.TaskCancelled;
import dev.eventcrm.events.task.TaskCompleted;
import dev.eventcrm.events.task.TaskCreated;
import dev.eventcrm.events.task.TaskReassigned;
import dev.eventcrm.events.task.TaskReminderDue;
import dev.eventcrm.events.task.TaskRescheduled;
import dev.eventcrm.events.task.TaskType;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.testing.InMemoryEventHistory;
import dev.eventcrm.projections.testing.MongoTestServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;

import static dev.eventcrm.projections.testing.MongoTestServer.TIMEOUT;
import static dev.eventcrm.projections.testing.MongoTestServer.all;
import static dev.eventcrm.projections.testing.TestEvents.T0;
import static dev.eventcrm.projections.testing.TestEvents.callLogged;
import static dev.eventcrm.projections.testing.TestEvents.contactCreated;
import static dev.eventcrm.projections.testing.TestEvents.dealOpened;
import static dev.eventcrm.projections.testing.TestEvents.event;
import static dev.eventcrm.projections.testing.TestEvents.ownerAssigned;
import static org.assertj.core.api.Assertions.assertThat;

class TimelineProjectionTest {

    private static MongoTestServer mongo;
    private MongoDatabase database;
    private InMemoryEventHistory history;
    private TimelineProjection timeline;

    @BeforeAll
    static void startMongo() {
        mongo = new MongoTestServer();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @BeforeEach
    void freshTimeline() {
        database = mongo.freshDatabase();
        history = new InMemoryEventHistory();
        timeline = TimelineProjection.create(database, history, TIMEOUT);
        timeline.prepare();
    }

    private static Instant at(int minutes) {
        return T0.plusSeconds(minutes * 60L);
    }

    /** The entries on a timeline, newest first, as query-service orders them. */
    private List<Document> timelineOf(String field, String id) {
        return Flux.from(database.getCollection(TimelineProjection.COLLECTION).find(Filters.eq(field, id))
                .sort(Sorts.descending("occurredAt", "_id"))).collectList().block(TIMEOUT);
    }

    private static List<String> kinds(List<Document> entries) {
        return entries.stream().map(doc -> doc.getString("kind")).toList();
    }

    @Test
    void activitiesAreEntriesOfTheirContactAndDealAtTheirOwnTime() {
        timeline.applyBatch(List.of(
                contactCreated("c1", "Anna", at(0)),
                dealOpened("d1", "c1", "1500.00", at(1)),
                event(ParsedEvent.MEETING, "m1", 0, at(30), new MeetingLogged("m1", "c1", "d1", at(20), "Demo",
                        "pilot agreed")),
                event(ParsedEvent.EMAIL, "e1", 0, at(40), new EmailLogged("e1", "c1", null, EmailDirection.INBOUND,
                        "Re: offer", at(40))),
                event(ParsedEvent.NOTE, "n1", 0, at(50), new NoteAdded("n1", "c1", "d1", "call after 16:00")),
                callLogged("k1", "c1", "d1", CallOutcome.CONNECTED, at(10))));

        List<Document> contact = timelineOf("contactId", "c1");
        assertThat(kinds(contact)).containsExactly("NOTE", "EMAIL", "MEETING", "CALL", "DEAL_OPENED",
                "CONTACT_CREATED");
        assertThat(kinds(timelineOf("dealId", "d1"))).containsExactly("NOTE", "MEETING", "CALL", "DEAL_OPENED");

        Document meeting = contact.get(2);
        assertThat(meeting.getDate("occurredAt")).isEqualTo(Date.from(at(20)));
        assertThat(meeting.getDate("recordedAt")).isEqualTo(Date.from(at(30).plusMillis(3)));
        assertThat(meeting.getString("_id")).isEqualTo("m1@0000000000");
        assertThat(meeting.getString("aggregateType")).isEqualTo("Meeting");
        assertThat(meeting.getString("actorId")).isEqualTo("user-7");
        assertThat(meeting.getString("eventId")).isNotBlank();
        assertThat(meeting.get("summary", Document.class)).isEqualTo(new Document("subject", "Demo")
                .append("result", "pilot agreed"));
        assertThat(contact.get(1).get("summary", Document.class).getString("direction")).isEqualTo("INBOUND");
        assertThat(contact.get(1).getString("dealId")).isNull();
        assertThat(contact.get(0).get("summary", Document.class).getString("text")).isEqualTo("call after 16:00");
        Document call = contact.get(3).get("summary", Document.class);
        assertThat(call.getString("outcome")).isEqualTo("CONNECTED");
        assertThat(call.getInteger("durationSeconds")).isEqualTo(120);
        assertThat(contact.get(4).get("summary", Document.class).get("amount", Document.class))
                .isEqualTo(new Document("value", "1500.00").append("currency", "EUR"));
    }

    @Test
    void aCallLoggedLateSortsAtItsOwnTime() {
        timeline.applyBatch(List.of(contactCreated("c1", "Anna", at(0)),
                event(ParsedEvent.NOTE, "n1", 0, at(60), new NoteAdded("n1", "c1", null, "later"))));
        // logged two hours after it happened, after the note
        timeline.applyBatch(List.of(event(ParsedEvent.CALL, "k1", 0, at(120),
                new dev.eventcrm.events.call.CallLogged("k1", "c1", null,
                        dev.eventcrm.events.call.CallDirection.INBOUND, CallOutcome.BUSY, 0, null, at(30)))));

        List<Document> entries = timelineOf("contactId", "c1");
        assertThat(kinds(entries)).containsExactly("NOTE", "CALL", "CONTACT_CREATED");
        assertThat(entries.get(1).getDate("occurredAt")).isEqualTo(Date.from(at(30)));
    }

    @Test
    void dealEventsAreOnTheDealAndItsContactFromTheOpeningStoredEarlier() {
        timeline.applyBatch(List.of(dealOpened("d1", "c1", "100.00", at(0))));
        timeline.applyBatch(List.of(
                event(ParsedEvent.DEAL, "d1", 1, at(1), new DealStageMoved("d1", "NEW", "QUALIFIED", "default",
                        false, StageKind.OPEN, null, null)),
                event(ParsedEvent.DEAL, "d1", 2, at(2), new DealStageMoved("d1", "QUALIFIED", "NEW", "default",
                        true, StageKind.OPEN, null, null)),
                event(ParsedEvent.DEAL, "d1", 3, at(3), new DealStageMoved("d1", "NEW", "LOST", "default",
                        false, StageKind.LOST, "price", "budget cut")),
                event(ParsedEvent.DEAL, "d1", 4, at(4), new DealReopened("d1", "LOST", "NEW", "default")),
                ownerAssigned("d1", 5, "owner-1", "m2", at(5)),
                stageMovedBeforePipelines("d1", 6, at(6))));

        List<Document> deal = timelineOf("dealId", "d1");
        assertThat(kinds(deal)).containsExactly("DEAL_WON", "OWNER_CHANGED", "DEAL_REOPENED", "DEAL_LOST",
                "STAGE_CHANGED", "STAGE_CHANGED", "DEAL_OPENED");
        assertThat(deal).allSatisfy(entry -> assertThat(entry.getString("contactId")).isEqualTo("c1"));
        assertThat(deal.get(4).get("summary", Document.class).getBoolean("regression")).isTrue();
        Document lost = deal.get(3).get("summary", Document.class);
        assertThat(lost.getString("from")).isEqualTo("NEW");
        assertThat(lost.getString("to")).isEqualTo("LOST");
        assertThat(lost.getString("lossReason")).isEqualTo("price");
        assertThat(lost.getString("comment")).isEqualTo("budget cut");
        assertThat(deal.get(1).get("summary", Document.class)).isEqualTo(new Document("previousOwnerId", "owner-1")
                .append("ownerId", "m2"));
        assertThat(deal.get(0).get("summary", Document.class).getString("pipelineId")).isEqualTo("default");
        assertThat(history.calls()).isZero();
    }

    private static ParsedEvent stageMovedBeforePipelines(String dealId, long sequence, Instant at) {
        return event(ParsedEvent.DEAL, dealId, sequence, at, new DealStageMoved(dealId, "NEW", "WON"));
    }

    @Test
    void aDealWhoseOpeningIsNotStoredTakesItsContactFromTheEventHistory() {
        // e.g. a rebuild fed a live batch before its scan reached the deal's opening
        history.store(dealOpened("d1", "c1", "100.00", at(0)));
        timeline.applyBatch(List.of(ownerAssigned("d1", 1, "owner-1", "m2", at(1))));

        assertThat(timelineOf("contactId", "c1")).extracting(doc -> doc.getString("kind"))
                .containsExactly("OWNER_CHANGED");
        assertThat(history.calls()).isEqualTo(1);
    }

    @Test
    void contactEventsAreOnTheContactsTimelineOnly() {
        timeline.applyBatch(List.of(
                contactCreated("c1", "Anna", at(0)),
                event(ParsedEvent.CONTACT, "c1", 1, at(1), new ContactOwnerAssigned("c1", "owner-1", "m2")),
                event(ParsedEvent.CONTACT, "c1", 2, at(2), new ContactArchived("c1", "manual")),
                event(ParsedEvent.CONTACT, "c1", 3, at(3), new ContactRestored("c1")),
                event(ParsedEvent.CONTACT, "c1", 4, at(4), new ContactMerged("c1", "c2",
                        new ContactPersonalData("Anna", List.of(), List.of(), List.of()))),
                event(ParsedEvent.CONTACT, "c2", 1, at(4), new ContactMergedInto("c2", "c1"))));

        List<Document> entries = timelineOf("contactId", "c1");
        assertThat(kinds(entries)).containsExactly("CONTACT_MERGED", "CONTACT_RESTORED", "CONTACT_ARCHIVED",
                "OWNER_CHANGED", "CONTACT_CREATED");
        assertThat(entries).allSatisfy(entry -> assertThat(entry.getString("dealId")).isNull());
        assertThat(entries.get(0).get("summary", Document.class)).isEqualTo(new Document("survivorId", "c1")
                .append("duplicateId", "c2"));
        assertThat(entries.get(2).get("summary", Document.class).getString("reason")).isEqualTo("manual");
        assertThat(entries.get(4).get("summary", Document.class).getString("name")).isEqualTo("Anna");
        assertThat(kinds(timelineOf("contactId", "c2"))).containsExactly("CONTACT_MERGED");
    }

    @Test
    void taskEventsAreAttributedToTheTasksContactAndDeal() {
        Instant due = at(24 * 60);
        timeline.applyBatch(List.of(dealOpened("d1", "c1", "100.00", at(0)),
                task("t1", 0, at(1), new TaskCreated("t1", TaskType.CALL, due, "m1", "c1", "d1", "call back")),
                task("t1", 1, at(2), new TaskRescheduled("t1", due, due.plusSeconds(3600)))));
        // later batches: only the task's id in the events
        timeline.applyBatch(List.of(task("t1", 2, at(3), new TaskReassigned("t1", "m1", "m2"))));
        timeline.applyBatch(List.of(task("t1", 3, at(3).plusSeconds(30), new TaskReminderDue("t1", "m2",
                due.plusSeconds(3600), due.plusSeconds(2700), 15, TaskType.CALL, "c1", "d1", "call back"))));
        timeline.applyBatch(List.of(task("t1", 4, at(4), new TaskCompleted("t1", "reached"))));
        // a task that names only the deal is on the deal's contact's timeline too
        timeline.applyBatch(List.of(task("t2", 0, at(5), new TaskCreated("t2", TaskType.OTHER, due, "m1", null,
                "d1", null))));
        timeline.applyBatch(List.of(task("t2", 1, at(6), new TaskCancelled("t2", "duplicate"))));

        List<Document> contact = timelineOf("contactId", "c1");
        assertThat(kinds(contact)).containsExactly("TASK_CANCELLED", "TASK_CREATED", "TASK_COMPLETED",
                "TASK_REMINDED", "TASK_REASSIGNED", "TASK_RESCHEDULED", "TASK_CREATED", "DEAL_OPENED");
        assertThat(kinds(timelineOf("dealId", "d1"))).isEqualTo(kinds(contact));
        assertThat(contact.get(0).get("summary", Document.class).getString("reason")).isEqualTo("duplicate");
        assertThat(contact.get(2).get("summary", Document.class).getString("result")).isEqualTo("reached");
        assertThat(contact.get(3).get("summary", Document.class)).isEqualTo(new Document("assigneeId", "m2")
                .append("dueAt", Date.from(due.plusSeconds(3600))).append("leadMinutes", 15L));
        assertThat(contact.get(4).get("summary", Document.class)).isEqualTo(new Document("previousAssigneeId", "m1")
                .append("assigneeId", "m2"));
        assertThat(contact.get(5).get("summary", Document.class).getDate("dueAt"))
                .isEqualTo(Date.from(due.plusSeconds(3600)));
        Document created = contact.get(6).get("summary", Document.class);
        assertThat(created.getString("type")).isEqualTo("CALL");
        assertThat(created.getDate("dueAt")).isEqualTo(Date.from(due));
        assertThat(created.getString("assigneeId")).isEqualTo("m1");
        assertThat(created.getString("note")).isEqualTo("call back");
        assertThat(history.calls()).isZero();
    }

    @Test
    void aTaskWhoseCreationIsNotStoredTakesItsReferencesFromTheEventHistory() {
        history.store(task("t1", 0, at(0), new TaskCreated("t1", TaskType.MEETING, at(60), "m1", "c1", null,
                null)));
        timeline.applyBatch(List.of(task("t1", 1, at(1), new TaskCompleted("t1", null))));

        assertThat(kinds(timelineOf("contactId", "c1"))).containsExactly("TASK_COMPLETED");
    }

    @Test
    void anInvoiceIsOnItsDealsAndContactsTimelinesAndSoIsItsPaymentInALaterBatch() {
        timeline.applyBatch(List.of(dealOpened("d1", "c1", "100.00", at(0)),
                invoice("i1", 0, at(1), new InvoiceIssued("i1", "d1", "c1", "INV-7",
                        new Money(new BigDecimal("1500.50"), "EUR"), LocalDate.parse("2026-03-31")))));
        timeline.applyBatch(List.of(invoice("i1", 1, at(2), new InvoicePaid("i1", LocalDate.parse("2026-03-30")))));

        List<Document> contact = timelineOf("contactId", "c1");
        assertThat(kinds(contact)).containsExactly("INVOICE_PAID", "INVOICE_ISSUED", "DEAL_OPENED");
        assertThat(kinds(timelineOf("dealId", "d1"))).isEqualTo(kinds(contact));
        assertThat(contact.get(0).get("summary", Document.class))
                .isEqualTo(new Document("paidOn", "2026-03-30"));
        assertThat(contact.get(1).get("summary", Document.class)).isEqualTo(new Document("number", "INV-7")
                .append("amount", new Document("value", "1500.50").append("currency", "EUR"))
                .append("dueDate", "2026-03-31"));
        assertThat(history.calls()).isZero();
    }

    @Test
    void aPaymentWhoseInvoiceIsNotStoredTakesItsReferencesFromTheEventHistory() {
        history.store(invoice("i1", 0, at(0), new InvoiceIssued("i1", "d1", "c1", "INV-7",
                new Money(BigDecimal.TEN, "EUR"), LocalDate.parse("2026-03-31"))));
        timeline.applyBatch(List.of(invoice("i1", 1, at(1), new InvoicePaid("i1", LocalDate.parse("2026-03-30")))));

        assertThat(kinds(timelineOf("contactId", "c1"))).containsExactly("INVOICE_PAID");
        assertThat(kinds(timelineOf("dealId", "d1"))).containsExactly("INVOICE_PAID");
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        List<ParsedEvent> events = List.of(contactCreated("c1", "Anna", at(0)), dealOpened("d1", "c1", "1.00", at(1)),
                callLogged("k1", "c1", "d1", CallOutcome.NO_ANSWER, at(2)),
                task("t1", 0, at(3), new TaskCreated("t1", TaskType.CALL, at(90), "m1", "c1", null, null)),
                task("t1", 1, at(4), new TaskCompleted("t1", "done")));
        timeline.applyBatch(events);
        List<Document> first = all(database, TimelineProjection.COLLECTION);

        timeline.applyBatch(events);
        timeline.applyBatch(events.subList(2, 5));

        assertThat(first).hasSize(5);
        assertThat(all(database, TimelineProjection.COLLECTION)).isEqualTo(first);
    }

    @Test
    void eventsTheTimelineDoesNotShowWriteNothing() {
        timeline.applyBatch(List.of(event(ParsedEvent.DEAL, "d1", 1, at(1),
                new dev.eventcrm.events.deal.DealAmountChanged("d1", new Money(BigDecimal.ONE, "EUR"),
                        new Money(BigDecimal.TEN, "EUR")))));

        assertThat(all(database, TimelineProjection.COLLECTION)).isEmpty();
        assertThat(history.calls()).isZero();
    }

    @Test
    void aRebuildWritesTheSameEntriesIntoAnotherCollection() {
        List<ParsedEvent> events = List.of(contactCreated("c1", "Anna", at(0)), dealOpened("d1", "c1", "1.00", at(1)),
                ownerAssigned("d1", 1, "owner-1", "m2", at(2)));
        timeline.applyBatch(events);
        timeline.into("timeline__v2").applyBatch(events);

        assertThat(all(database, "timeline__v2")).isEqualTo(all(database, TimelineProjection.COLLECTION));
        assertThat(timeline.into("timeline__v2").collection()).isEqualTo("timeline__v2");
    }

    private static ParsedEvent task(String taskId, long sequence, Instant at, Record payload) {
        return event(ParsedEvent.TASK, taskId, sequence, at, payload);
    }

    private static ParsedEvent invoice(String invoiceId, long sequence, Instant at, Record payload) {
        return event(ParsedEvent.INVOICE, invoiceId, sequence, at, payload);
    }
}
