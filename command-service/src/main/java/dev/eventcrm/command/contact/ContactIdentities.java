package dev.eventcrm.command.contact;

import java.util.Collection;
import java.util.Optional;

/** Which contact first gave a phone number or e-mail address: the set behind duplicate detection. */
public interface ContactIdentities {

    /**
     * Claims, in the running transaction, each identity no contact holds yet for {@code contactId}.
     *
     * @return the contact holding the first of {@code identities} that another contact already holds
     */
    Optional<String> claim(String contactId, Collection<String> identities);

    /** The contact holding the first of {@code identities} that any contact holds, claiming nothing. */
    Optional<String> holder(Collection<String> identities);
}
