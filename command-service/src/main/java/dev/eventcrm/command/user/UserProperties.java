package dev.eventcrm.command.user;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.ZoneId;

/**
 * Users ({@code crm.users.*}).
 *
 * @param defaultTimeZone the IANA zone of a user created without one: the installation's own zone
 */
@ConfigurationProperties("crm.users")
public record UserProperties(@DefaultValue("UTC") String defaultTimeZone) {

    public UserProperties {
        if (!ZoneId.getAvailableZoneIds().contains(defaultTimeZone)) {
            throw new IllegalArgumentException("crm.users.default-time-zone must be an IANA time zone id such as "
                    + "Europe/Moscow, got " + defaultTimeZone);
        }
    }
}
