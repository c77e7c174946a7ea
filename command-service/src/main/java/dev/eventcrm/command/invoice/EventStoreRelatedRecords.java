package dev.eventcrm.command.invoice;

import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.lookup.ContactAliases;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealOwnerAssigned;
import dev.eventcrm.events.task.TaskCancelled;
import dev.eventcrm.events.task.TaskCompleted;
import dev.eventcrm.events.user.UserCreated;
import dev.eventcrm.events.user.UserTimeZoneChanged;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * {@link RelatedRecords} folded from the records' events, read in the command's transaction (so a record created
 * earlier in it is found). The lookup table is consulted first, so that an id of another kind of record is unknown
 * rather than replayed. Invoices are rare next to the commands on these records: reading a few short streams per
 * invoice costs less than keeping another table in step with them.
 */
@Component
class EventStoreRelatedRecords implements RelatedRecords {

    private final EventStore eventStore;
    private final AggregateLookup lookup;
    private final ContactAliases aliases;

    EventStoreRelatedRecords(EventStore eventStore, AggregateLookup lookup, ContactAliases aliases) {
        this.eventStore = eventStore;
        this.lookup = lookup;
        this.aliases = aliases;
    }

    @Override
    public Optional<DealParties> deal(String dealId) {
        if (!lookup.exists(dealId, AggregateLookup.DEAL)) {
            return Optional.empty();
        }
        String contactId = null;
        String ownerId = null;
        for (Object event : payloads(dealId)) {
            if (event instanceof DealOpened opened) {
                contactId = opened.contactId();
                ownerId = opened.ownerId();
            } else if (event instanceof DealOwnerAssigned assigned) {
                ownerId = assigned.newOwnerId();
            }
        }
        return contactId == null ? Optional.empty()
                : Optional.of(new DealParties(aliases.resolve(contactId), ownerId));
    }

    @Override
    public Optional<ZoneId> timeZone(String userId) {
        if (!lookup.exists(userId, AggregateLookup.USER)) {
            return Optional.empty();
        }
        String zone = null;
        for (Object event : payloads(userId)) {
            if (event instanceof UserCreated created) {
                zone = created.timeZone();
            } else if (event instanceof UserTimeZoneChanged changed) {
                zone = changed.timeZone();
            }
        }
        if (zone == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(zone));
        } catch (DateTimeException unknownToThisJvm) {
            // recorded by an instance with newer zone rules: the installation's zone rather than no invoice
            return Optional.empty();
        }
    }

    @Override
    public boolean isOpenTask(String taskId) {
        return lookup.exists(taskId, AggregateLookup.TASK)
                && payloads(taskId).stream()
                .noneMatch(event -> event instanceof TaskCompleted || event instanceof TaskCancelled);
    }

    private List<Object> payloads(String aggregateId) {
        return eventStore.readEvents(aggregateId, 0L).asStream().<Object>map(DomainEventMessage::getPayload).toList();
    }
}
