package dev.eventcrm.query.segment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.Currency;

/**
 * The segments report's settings ({@code crm.reports.*}).
 *
 * @param currency       the reporting currency of the RFM monetary value (ISO 4217); unset: the currency most won
 *                       deals are in
 * @param churnAfterDays a customer whose last win is more than this many days ago is churned
 */
@ConfigurationProperties("crm.reports")
public record SegmentProperties(String currency, @DefaultValue("365") int churnAfterDays) {

    public SegmentProperties {
        if (currency != null && !currency.isBlank()) {
            try {
                Currency.getInstance(currency);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("crm.reports.currency must be an ISO 4217 code such as EUR, got "
                        + currency, e);
            }
        } else {
            currency = null;
        }
        if (churnAfterDays < 1) {
            throw new IllegalArgumentException("crm.reports.churn-after-days must be at least 1, got "
                    + churnAfterDays);
        }
    }
}
