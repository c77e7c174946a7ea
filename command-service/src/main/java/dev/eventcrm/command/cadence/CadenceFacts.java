package dev.eventcrm.command.cadence;

import dev.eventcrm.events.user.WorkingHours;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * What the cadence reads about a contact, a follow-up's assignee and the contact's deals: the current state on the
 * command side, read in the transaction of the call, so that it holds for records created before the cadence existed.
 */
public interface CadenceFacts {

    /** @param timeZone null when the contact has none (or an unknown one) */
    record ContactFacts(String ownerId, ZoneId timeZone, boolean archived) {
    }

    /** @param workingHours null when the user has none */
    record UserFacts(ZoneId timeZone, WorkingHours workingHours) {
    }

    /** An open deal and the LOST stage of its own pipeline. */
    record DealToLose(String dealId, String lostStage) {
    }

    /** The contact as it stands; it exists (a call was just logged for it). */
    ContactFacts contact(String contactId);

    /** Empty for an id the command side knows no user by (e.g. an actor who was never created as a user). */
    Optional<UserFacts> user(String userId);

    /** The contact's open deals (also those opened for contacts since merged into it) that can be lost. */
    List<DealToLose> openDeals(String contactId);
}
