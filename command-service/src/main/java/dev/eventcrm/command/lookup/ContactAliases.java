package dev.eventcrm.command.lookup;

/** The ids of merged contacts, each resolving to the contact it was merged into. */
public interface ContactAliases {

    /** The contact an id stands for: itself, unless it was merged into another. */
    String resolve(String contactId);

    /** Records the merge, in the command's transaction; ids merged into the duplicate now resolve to the survivor. */
    void merged(String duplicateId, String survivorId);
}
