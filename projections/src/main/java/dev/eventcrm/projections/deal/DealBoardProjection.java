package dev.eventcrm.projections.deal;

import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.events.Money;
import dev.eventcrm.events.call.CallLogged;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealOwnerAssigned;
import dev.eventcrm.events.deal.DealStageMoved;
import dev.eventcrm.projections.core.CallTally;
import dev.eventcrm.projections.core.Projection;
import dev.eventcrm.projections.core.VersionedDocuments;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.history.EventHistory;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The deal board: one document per deal in {@code deals} with its stage history and call counters (the contract
 * with query-service: field names are fixed).
 */
public class DealBoardProjection implements Projection {
    public static final String NAME = "deal-board";
    public static final String COLLECTION = "deals";
    /** The stage a deal opens in when the event names none. */
    static final String FIRST_STAGE = "NEW";

    private final VersionedDocuments deals;
    private final CallTally calls;

    public DealBoardProjection(MongoDatabase database, EventHistory history, Duration timeout) {
        this(database, COLLECTION, history, timeout);
    }

    /** @param collection another name than {@value #COLLECTION} to rebuild into a fresh collection */
    public DealBoardProjection(MongoDatabase database, String collection, EventHistory history, Duration timeout) {
        MongoCollection<Document> documents = database.getCollection(collection);
        this.deals = new VersionedDocuments(documents, history, this::change, CallTally.defaults(), timeout);
        this.calls = new CallTally(documents, placeholder(), timeout);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void apply(ParsedEvent event) {
        if (event.isOf(ParsedEvent.DEAL)) {
            deals.fold(event);
        } else if (event.payload() instanceof CallLogged call && call.dealId() != null) {
            calls.record(call.dealId(), call, event.occurredAt());
        }
    }

    private Bson change(ParsedEvent event, Document current) {
        Date at = Date.from(event.occurredAt());
        if (event.payload() instanceof DealOpened opened) {
            String stage = opened.stage() == null ? FIRST_STAGE : opened.stage();
            return Updates.combine(
                    Updates.set("id", event.aggregateId()),
                    Updates.set("title", opened.title()),
                    Updates.set("contactId", opened.contactId()),
                    Updates.set("pipelineId", opened.pipelineId()),
                    Updates.set("stage", stage),
                    Updates.set("ownerId", opened.ownerId()),
                    Updates.set("source", opened.source()),
                    Updates.set("amount", amount(opened.amount())),
                    Updates.set("stageHistory", List.of(stageEntry(stage, at))),
                    Updates.set("openedAt", at),
                    Updates.set("updatedAt", at));
        }
        if (event.payload() instanceof DealStageMoved moved) {
            return Updates.combine(
                    Updates.set("stage", moved.to()),
                    Updates.set("stageHistory", movedHistory(current, moved.to(), at)),
                    Updates.set("updatedAt", at));
        }
        if (event.payload() instanceof DealOwnerAssigned assigned) {
            return Updates.combine(
                    Updates.set("ownerId", assigned.newOwnerId()),
                    Updates.set("updatedAt", at));
        }
        // A Deal event the board shows nothing of still takes its place in the version sequence.
        return Updates.set("updatedAt", at);
    }

    private static List<Document> movedHistory(Document current, String to, Date at) {
        List<Document> history = new ArrayList<>();
        if (current != null) {
            for (Object entry : current.getList("stageHistory", Object.class, List.of())) {
                if (entry instanceof Document document) {
                    history.add(new Document(document));
                }
            }
        }
        for (Document entry : history) {
            if (entry.get("exitedAt") == null) {
                entry.put("exitedAt", at);
            }
        }
        history.add(stageEntry(to, at));
        return history;
    }

    private static Document stageEntry(String stage, Date enteredAt) {
        return new Document("stage", stage).append("enteredAt", enteredAt).append("exitedAt", null);
    }

    private static Document amount(Money money) {
        if (money == null) {
            return null;
        }
        return new Document("value", money.value() == null ? null : money.value().toPlainString())
                .append("currency", money.currency());
    }

    private static Document placeholder() {
        Document placeholder = new Document();
        for (String field : List.of("title", "contactId", "pipelineId", "stage", "ownerId", "source", "amount",
                "openedAt", "updatedAt")) {
            placeholder.append(field, null);
        }
        return placeholder.append("stageHistory", new ArrayList<Document>());
    }
}
