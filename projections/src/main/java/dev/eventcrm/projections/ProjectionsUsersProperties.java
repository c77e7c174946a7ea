package dev.eventcrm.projections;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.ZoneId;

/**
 * {@code crm.users.*}, the same setting query-service reads: the installation's zone, in which the deal facts' day
 * buckets are cut. Changing it requires rebuilding deal-facts ({@code deploy/bin/rebuild-projection.sh deal-facts}).
 *
 * @param defaultTimeZone the installation's IANA zone
 */
@ConfigurationProperties("crm.users")
public record ProjectionsUsersProperties(@DefaultValue("UTC") String defaultTimeZone) {

    public ProjectionsUsersProperties {
        if (!ZoneId.getAvailableZoneIds().contains(defaultTimeZone)) {
            throw new IllegalArgumentException("crm.users.default-time-zone must be an IANA time zone id such as "
                    + "Europe/Moscow, got " + defaultTimeZone);
        }
    }

    public ZoneId zone() {
        return ZoneId.of(defaultTimeZone);
    }
}
