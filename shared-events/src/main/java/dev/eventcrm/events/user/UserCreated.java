package dev.eventcrm.events.user;

/**
 * A user of the CRM (a manager, a head of sales), under the id that {@code X-Actor-Id} names them by.
 *
 * @param teamId       null: in no team
 * @param role         a role name such as {@code manager}; free text
 * @param timeZone     IANA zone id; the installation's default when none was given
 * @param workingHours as given, or the default the command side filled in
 */
public record UserCreated(String userId, String displayName, String teamId, String role, String timeZone,
                          WorkingHours workingHours) {
}
