package dev.eventcrm.events.company;

/**
 * A company moved to the archive: hidden from the working lists, its history kept, restorable. Its contacts keep
 * their link to it.
 *
 * @param reason why: {@code manual} when a user archived it
 */
public record CompanyArchived(String companyId, String reason) {
}
