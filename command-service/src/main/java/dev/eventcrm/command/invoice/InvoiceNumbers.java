package dev.eventcrm.command.invoice;

import java.util.Optional;

/** Which invoice took each invoice number: the set behind "a number is used once per installation". */
public interface InvoiceNumbers {

    /**
     * Claims {@code number} for {@code invoiceId} in the running transaction, unless another invoice holds it.
     *
     * @return the invoice already holding the number
     */
    Optional<String> claim(String invoiceId, String number);
}
