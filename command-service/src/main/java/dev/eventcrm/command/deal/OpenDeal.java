package dev.eventcrm.command.deal;

import dev.eventcrm.events.Money;

public record OpenDeal(String dealId, String contactId, String title, Money amount, String ownerId, String source) {
}
