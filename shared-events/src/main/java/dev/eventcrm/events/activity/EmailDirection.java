package dev.eventcrm.events.activity;

public enum EmailDirection {
    INBOUND, OUTBOUND
}
