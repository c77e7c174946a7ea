package dev.eventcrm.events.company;

public record CompanySourceChanged(String companyId, String previousSource, String source) {
}
