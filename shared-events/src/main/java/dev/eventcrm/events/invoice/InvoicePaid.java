package dev.eventcrm.events.invoice;

import java.time.LocalDate;

/** @param paidOn the date the payment arrived, as entered (a date in the installation's time zone) */
public record InvoicePaid(String invoiceId, LocalDate paidOn) {
}
