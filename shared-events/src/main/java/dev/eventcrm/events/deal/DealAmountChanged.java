package dev.eventcrm.events.deal;

import dev.eventcrm.events.Money;

/** The amount or its currency changed. */
public record DealAmountChanged(String dealId, Money previousAmount, Money amount) {
}
