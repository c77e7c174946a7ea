package dev.eventcrm.events.company;

public record CompanyRenamed(String companyId, String previousName, String name) {
}
