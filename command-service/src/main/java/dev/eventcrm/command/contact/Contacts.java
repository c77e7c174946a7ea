package dev.eventcrm.command.contact;

import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The contacts' repository for a command handler that changes a second contact in the same unit of work (a merge):
 * a handler parameter of this type, since several repositories exist and a generic one would be ambiguous.
 */
@Component
public class Contacts {

    private final Repository<Contact> repository;

    Contacts(@Qualifier("contactRepository") @Lazy Repository<Contact> repository) {
        this.repository = repository;
    }

    Aggregate<Contact> load(String contactId) {
        return repository.load(contactId);
    }
}
