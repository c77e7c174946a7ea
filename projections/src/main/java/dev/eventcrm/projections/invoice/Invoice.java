package dev.eventcrm.projections.invoice;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One invoice as the {@code invoices} read model shows it. {@code number == null} until its issue is applied.
 *
 * @param amountValue the decimal string of the event, so no precision is lost
 * @param status      {@link #OPEN} until paid, then {@link #PAID}
 * @param paidOn      the payment date as entered; null while open
 * @param paidAt      when the payment was recorded (the event's business time); null while open
 */
public record Invoice(String id, String dealId, String contactId, String number, String amountValue,
                      String amountCurrency, LocalDate dueDate, String status, LocalDate paidOn, Instant issuedAt,
                      Instant paidAt, Instant updatedAt) {

    public static final String OPEN = "OPEN";
    public static final String PAID = "PAID";

    static Invoice empty(String id) {
        return new Invoice(id, null, null, null, null, null, null, null, null, null, null, null);
    }
}
