package dev.eventcrm.events.invoice;

import dev.eventcrm.events.Money;

import java.time.LocalDate;

/**
 * An invoice for a deal, payable by {@code dueDate} (a date in the installation's time zone). Unpaid after that date
 * it is overdue.
 *
 * @param contactId the deal's contact when the invoice was issued
 * @param number    the invoice number as printed on it, unique per installation
 */
public record InvoiceIssued(String invoiceId, String dealId, String contactId, String number, Money amount,
                            LocalDate dueDate) {
}
