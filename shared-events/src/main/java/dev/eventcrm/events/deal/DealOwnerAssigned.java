package dev.eventcrm.events.deal;

public record DealOwnerAssigned(String dealId, String previousOwnerId, String newOwnerId) {
}
