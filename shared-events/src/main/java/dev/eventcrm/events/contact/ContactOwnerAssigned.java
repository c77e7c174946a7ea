package dev.eventcrm.events.contact;

public record ContactOwnerAssigned(String contactId, String previousOwnerId, String newOwnerId) {
}
