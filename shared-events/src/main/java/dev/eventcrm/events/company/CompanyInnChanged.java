package dev.eventcrm.events.company;

/** The company's taxpayer number was set, corrected or removed ({@code inn} null). */
public record CompanyInnChanged(String companyId, String previousInn, String inn) {
}
