package dev.eventcrm.command.company;

import dev.eventcrm.command.CommandServiceProperties;
import dev.eventcrm.command.eventstore.InsertIfAbsent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Optional;

/**
 * {@link CompanyIdentities} in the event store's database ({@code company_identity}), in the command's transaction,
 * as contacts' identities are: a claim commits or rolls back with the command, and a concurrent create of the same
 * identity waits for it (see {@link InsertIfAbsent}). A table of its own, so that a company and a contact may share a
 * phone number (the switchboard of the company is often a contact's only number).
 */
@Component
class JdbcCompanyIdentities implements CompanyIdentities {

    private final JdbcTemplate jdbc;
    private final InsertIfAbsent inserts;

    JdbcCompanyIdentities(JdbcTemplate jdbc, CommandServiceProperties properties) {
        this.jdbc = jdbc;
        this.inserts = new InsertIfAbsent(jdbc, properties);
    }

    @Override
    public Optional<String> claim(String companyId, Collection<String> identities) {
        Optional<String> holder = Optional.empty();
        for (String identity : identities) {
            if (!inserts.insert("INSERT INTO company_identity (identity, company_id) VALUES (?, ?)", "identity",
                    identity, companyId) && holder.isEmpty()) {
                holder = jdbc.queryForList("SELECT company_id FROM company_identity WHERE identity = ?",
                        String.class, identity).stream().findFirst();
            }
        }
        return holder;
    }
}
