package dev.eventcrm.events.contact;

/**
 * The contact joined a company, moved to another one, or left it ({@code companyId} null).
 *
 * @param previousCompanyId null when the contact belonged to no company
 */
public record ContactCompanyChanged(String contactId, String previousCompanyId, String companyId) {
}
