package dev.eventcrm.query.user;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.ZoneId;

/**
 * Users ({@code crm.users.*}), the same setting the command side gives a user created without a zone.
 *
 * @param defaultTimeZone the installation's IANA zone: the zone of a user the read model does not know (yet)
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
