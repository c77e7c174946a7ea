package dev.eventcrm.events.deal;

public record DealStageMoved(String dealId, String from, String to) {
}
