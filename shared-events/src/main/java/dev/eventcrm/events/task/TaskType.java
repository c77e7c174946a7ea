package dev.eventcrm.events.task;

public enum TaskType {
    CALL, MEETING, EMAIL, OTHER
}
