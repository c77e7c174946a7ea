package dev.eventcrm.command.contact;

import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The contacts' repository for a command handler that changes a second contact in the same unit of work (a merge):
 * a handler parameter of this type, since several repositories exist and a generic one would be ambiguous. Taken
 * from Axon's configuration rather than by bean name, which another module's bean may hold in the all-in-one jar.
 */
@Component
public class Contacts {

    private final Configuration axon;

    Contacts(@Lazy Configuration axon) {
        this.axon = axon;
    }

    /** What automation schedules by: the contact's owner and time zone (each may be null) and whether archived. */
    public record Reachability(String ownerId, String timeZone, boolean archived) {
    }

    /** The contact's current {@link Reachability}, loaded (and locked) in the calling unit of work. */
    public Reachability reachability(String contactId) {
        return load(contactId).invoke(Contact::reachability);
    }

    Aggregate<Contact> load(String contactId) {
        Repository<Contact> repository = axon.repository(Contact.class);
        return repository.load(contactId);
    }
}
