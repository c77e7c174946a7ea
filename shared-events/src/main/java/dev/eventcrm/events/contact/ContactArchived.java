package dev.eventcrm.events.contact;

/**
 * A contact moved to the archive: hidden from the working lists, its history kept, restorable.
 *
 * @param reason why: {@code manual} when a user archived it, or the rule that did (automation)
 */
public record ContactArchived(String contactId, String reason) {
}
