package dev.eventcrm.api.phone;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Phone numbers ({@code crm.phones.*}).
 *
 * @param defaultRegion the region (ISO 3166-1 alpha-2) a number typed without its country code is read in
 */
@ConfigurationProperties("crm.phones")
public record PhoneProperties(@DefaultValue("RU") String defaultRegion) {
}
