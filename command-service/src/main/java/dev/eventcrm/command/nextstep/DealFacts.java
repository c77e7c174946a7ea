package dev.eventcrm.command.nextstep;

import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealOwnerAssigned;
import dev.eventcrm.events.deal.DealReopened;
import dev.eventcrm.events.deal.DealStageMoved;
import dev.eventcrm.events.pipeline.StageKind;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * What next steps need of a deal, folded from its stored events: for deals that {@code deal_next_step} or
 * {@code record_owner} do not know yet (opened before they existed).
 *
 * @param opening the event that (last) opened the deal: its opening or latest reopening, the cause of its default
 *                next step; null for an unknown deal
 */
record DealFacts(String ownerId, boolean open, DomainEventMessage<?> opening) {

    static DealFacts of(EventStore eventStore, String dealId) {
        DealFacts facts = new DealFacts(null, false, null);
        DomainEventStream events = eventStore.readEvents(dealId, 0L);
        while (events.hasNext()) {
            DomainEventMessage<?> message = events.next();
            Object event = message.getPayload();
            if (event instanceof DealOpened opened) {
                facts = new DealFacts(opened.ownerId(), true, message);
            } else if (event instanceof DealOwnerAssigned assigned) {
                facts = new DealFacts(assigned.newOwnerId(), facts.open(), facts.opening());
            } else if (event instanceof DealStageMoved moved) {
                facts = new DealFacts(facts.ownerId(), moved.targetKind() == StageKind.OPEN, facts.opening());
            } else if (event instanceof DealReopened) {
                facts = new DealFacts(facts.ownerId(), true, message);
            }
        }
        return facts;
    }
}
