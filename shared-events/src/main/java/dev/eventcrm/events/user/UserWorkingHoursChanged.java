package dev.eventcrm.events.user;

/** The whole new working hours, whatever part of them changed. */
public record UserWorkingHoursChanged(String userId, WorkingHours previousWorkingHours, WorkingHours workingHours) {
}
