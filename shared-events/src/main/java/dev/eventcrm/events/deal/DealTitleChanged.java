package dev.eventcrm.events.deal;

public record DealTitleChanged(String dealId, String previousTitle, String title) {
}
