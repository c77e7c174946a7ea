package dev.eventcrm.command.company;

import java.util.Collection;
import java.util.Optional;

/** Which company first gave an INN, a phone number or an e-mail address: the set behind duplicate detection. */
public interface CompanyIdentities {

    /**
     * Claims, in the running transaction, each identity no company holds yet for {@code companyId}.
     *
     * @return the company holding the first of {@code identities} that another company already holds
     */
    Optional<String> claim(String companyId, Collection<String> identities);
}
