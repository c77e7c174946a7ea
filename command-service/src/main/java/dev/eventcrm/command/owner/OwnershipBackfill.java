package dev.eventcrm.command.owner;

import dev.eventcrm.command.CommandServiceProperties;
import dev.eventcrm.command.eventstore.InsertIfAbsent;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.events.contact.ContactArchived;
import dev.eventcrm.events.contact.ContactCreated;
import dev.eventcrm.events.contact.ContactOwnerAssigned;
import dev.eventcrm.events.contact.ContactRestored;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealOwnerAssigned;
import dev.eventcrm.events.deal.DealReopened;
import dev.eventcrm.events.deal.DealStageMoved;
import dev.eventcrm.events.pipeline.StageKind;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Deals and contacts created before {@code record_owner} existed get their row, folded from their events, at
 * start-up (merged contacts excepted: they are in no portfolio). A record a command changed meanwhile already has
 * its row, and that one is newer: it is kept. Deals whose row predates its {@code contact_id} get their contact from
 * their DealOpened event (a deal never changes contact).
 */
@Component
class OwnershipBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(OwnershipBackfill.class);

    private final JdbcTemplate jdbc;
    private final EventStore eventStore;
    private final InsertIfAbsent inserts;

    OwnershipBackfill(JdbcTemplate jdbc, EventStore eventStore, CommandServiceProperties properties) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
        this.inserts = new InsertIfAbsent(jdbc, properties);
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String[]> missing = jdbc.query("SELECT aggregate_id, aggregate_type FROM aggregate_lookup l "
                        + "WHERE aggregate_type IN (?, ?) AND NOT EXISTS "
                        + "(SELECT 1 FROM record_owner o WHERE o.record_id = l.aggregate_id) "
                        + "AND NOT EXISTS (SELECT 1 FROM contact_alias a WHERE a.merged_id = l.aggregate_id)",
                (row, i) -> new String[]{row.getString(1), row.getString(2)},
                AggregateLookup.DEAL, AggregateLookup.CONTACT);
        for (String[] record : missing) {
            String[] owner = {null};
            String[] contact = {null};
            boolean[] active = {true};
            eventStore.readEvents(record[0], 0L).asStream().map(message -> message.getPayload()).forEach(event -> {
                if (event instanceof DealOpened opened) {
                    owner[0] = opened.ownerId();
                    contact[0] = opened.contactId();
                } else if (event instanceof ContactCreated created) {
                    owner[0] = created.ownerId();
                } else if (event instanceof DealOwnerAssigned assigned) {
                    owner[0] = assigned.newOwnerId();
                } else if (event instanceof ContactOwnerAssigned assigned) {
                    owner[0] = assigned.newOwnerId();
                } else if (event instanceof DealStageMoved moved) {
                    active[0] = moved.targetKind() == StageKind.OPEN;
                } else if (event instanceof DealReopened || event instanceof ContactRestored) {
                    active[0] = true;
                } else if (event instanceof ContactArchived) {
                    active[0] = false;
                }
            });
            if (owner[0] != null) {
                inserts.insert("INSERT INTO record_owner (record_id, record_type, owner_id, active, contact_id) "
                        + "VALUES (?, ?, ?, ?, ?)", "record_id", record[0], record[1], owner[0], active[0], contact[0]);
            }
        }
        if (!missing.isEmpty()) {
            log.info("Recorded the owners of {} deals and contacts created before owners were kept", missing.size());
        }
        recordContactsOfDeals();
    }

    private void recordContactsOfDeals() {
        List<String> deals = jdbc.queryForList("SELECT record_id FROM record_owner WHERE record_type = ? "
                + "AND contact_id IS NULL", String.class, AggregateLookup.DEAL);
        for (String dealId : deals) {
            eventStore.readEvents(dealId, 0L).asStream().map(message -> message.getPayload())
                    .filter(DealOpened.class::isInstance).map(DealOpened.class::cast).findFirst()
                    .ifPresent(opened -> jdbc.update("UPDATE record_owner SET contact_id = ? WHERE record_id = ?",
                            opened.contactId(), dealId));
        }
        if (!deals.isEmpty()) {
            log.info("Recorded the contacts of {} deals opened before they were kept with their owners", deals.size());
        }
    }
}
