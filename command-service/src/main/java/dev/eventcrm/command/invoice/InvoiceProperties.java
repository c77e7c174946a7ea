package dev.eventcrm.command.invoice;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.LocalTime;

/**
 * Invoices ({@code crm.invoices.*}).
 *
 * @param followUpTime the local time, on an invoice's due date, at which the task to check its payment is due (in the
 *                     deal owner's time zone, else the installation's {@code crm.users.default-time-zone})
 */
@ConfigurationProperties("crm.invoices")
public record InvoiceProperties(@DefaultValue("10:00") LocalTime followUpTime) {
}
