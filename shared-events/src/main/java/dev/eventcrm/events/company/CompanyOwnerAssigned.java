package dev.eventcrm.events.company;

public record CompanyOwnerAssigned(String companyId, String previousOwnerId, String newOwnerId) {
}
