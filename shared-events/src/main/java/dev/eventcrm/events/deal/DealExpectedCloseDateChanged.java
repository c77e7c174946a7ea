package dev.eventcrm.events.deal;

import java.time.LocalDate;

/** @param expectedCloseDate null when the date was cleared */
public record DealExpectedCloseDateChanged(String dealId, LocalDate previousDate, LocalDate expectedCloseDate) {
}
