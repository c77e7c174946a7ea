package dev.eventcrm.command.invoice;

import java.time.ZoneId;
import java.util.Optional;

/**
 * What invoices need to know of other records (deals, users, tasks), read in the command's transaction. Kept apart
 * from those aggregates, which hold only what their own rules need.
 */
public interface RelatedRecords {

    /**
     * @param contactId the deal's contact, or the contact it was merged into
     * @param ownerId   the deal's current owner
     */
    record DealParties(String contactId, String ownerId) {
    }

    /** Empty when no deal has this id. */
    Optional<DealParties> deal(String dealId);

    /** The user's time zone; empty when no user has this id (or this JVM does not know the zone). */
    Optional<ZoneId> timeZone(String userId);

    /** A task that exists and is neither completed nor cancelled. */
    boolean isOpenTask(String taskId);
}
