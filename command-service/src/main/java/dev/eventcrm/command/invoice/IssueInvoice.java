package dev.eventcrm.command.invoice;

import dev.eventcrm.events.Money;

import java.time.LocalDate;

/** @param number as printed on the invoice; unique per installation, ignoring case and surrounding spaces */
public record IssueInvoice(String invoiceId, String dealId, String number, Money amount, LocalDate dueDate) {
}
