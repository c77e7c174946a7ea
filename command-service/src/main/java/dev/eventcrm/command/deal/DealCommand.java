package dev.eventcrm.command.deal;

/** A command to an existing deal. */
public interface DealCommand {
    String dealId();
}
