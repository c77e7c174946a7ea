package dev.eventcrm.command.lookup;

/** A command naming a contact, which may have been merged into another since the client learned its id. */
public interface ReferencesContact {

    String contactId();

    /** The same command naming {@code contactId} instead. */
    Object withContactId(String contactId);
}
