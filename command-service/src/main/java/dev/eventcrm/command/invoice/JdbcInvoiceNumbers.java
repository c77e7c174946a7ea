package dev.eventcrm.command.invoice;

import dev.eventcrm.command.CommandServiceProperties;
import dev.eventcrm.command.eventstore.InsertIfAbsent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Optional;

/**
 * {@link InvoiceNumbers} in {@code invoice_number}, in the command's transaction: a claim commits or rolls back with
 * the invoice, and a concurrent issue of the same number waits for it ({@link InsertIfAbsent}).
 */
@Component
class JdbcInvoiceNumbers implements InvoiceNumbers {

    private final JdbcTemplate jdbc;
    private final InsertIfAbsent inserts;

    JdbcInvoiceNumbers(JdbcTemplate jdbc, CommandServiceProperties properties) {
        this.jdbc = jdbc;
        this.inserts = new InsertIfAbsent(jdbc, properties);
    }

    @Override
    public Optional<String> claim(String invoiceId, String number) {
        String key = key(number);
        if (inserts.insert("INSERT INTO invoice_number (number_key, invoice_id) VALUES (?, ?)", "number_key", key,
                invoiceId)) {
            return Optional.empty();
        }
        return jdbc.queryForList("SELECT invoice_id FROM invoice_number WHERE number_key = ?", String.class, key)
                .stream().findFirst();
    }

    /** "inv-7 " and "INV-7" are one number on paper. */
    static String key(String number) {
        return number.strip().toUpperCase(Locale.ROOT);
    }
}
