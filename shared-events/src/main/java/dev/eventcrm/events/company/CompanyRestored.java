package dev.eventcrm.events.company;

public record CompanyRestored(String companyId) {
}
