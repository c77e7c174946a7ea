package dev.eventcrm.events.call;

public enum CallDirection {
    INBOUND, OUTBOUND
}
