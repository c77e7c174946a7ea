package dev.eventcrm.events.company;

public record CompanyWebsiteChanged(String companyId, String previousWebsite, String website) {
}
