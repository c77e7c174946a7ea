package dev.eventcrm.command.invoice;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link InvoiceNumbers} for fixture tests, with the same notion of one number as the table. */
class InMemoryInvoiceNumbers implements InvoiceNumbers {

    private final Map<String, String> holders = new HashMap<>();

    InMemoryInvoiceNumbers with(String number, String invoiceId) {
        holders.put(JdbcInvoiceNumbers.key(number), invoiceId);
        return this;
    }

    Map<String, String> claimed() {
        return Map.copyOf(holders);
    }

    @Override
    public Optional<String> claim(String invoiceId, String number) {
        String holder = holders.putIfAbsent(JdbcInvoiceNumbers.key(number), invoiceId);
        return Optional.ofNullable(holder).filter(other -> !other.equals(invoiceId));
    }
}
