package dev.eventcrm.command.contact;

import java.util.Collection;
import java.util.Optional;

import dev.eventcrm.command.CommandServiceProperties;
import dev.eventcrm.command.eventstore.InsertIfAbsent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link ContactIdentities} in the event store's database ({@code contact_identity}), in the command's transaction:
 * a claim commits or rolls back with the contact's creation, and a concurrent create of the same identity waits for
 * it (see {@link InsertIfAbsent}).
 */
@Component
class JdbcContactIdentities implements ContactIdentities {

    /** The contact holding an identity: the one it was merged into, if it was merged. */
    private static final String HOLDER = "SELECT COALESCE(a.survivor_id, i.contact_id) FROM contact_identity i "
            + "LEFT JOIN contact_alias a ON a.merged_id = i.contact_id WHERE i.identity = ?";

    private final JdbcTemplate jdbc;
    private final InsertIfAbsent inserts;

    JdbcContactIdentities(JdbcTemplate jdbc, CommandServiceProperties properties) {
        this.jdbc = jdbc;
        this.inserts = new InsertIfAbsent(jdbc, properties);
    }

    @Override
    public Optional<String> claim(String contactId, Collection<String> identities) {
        Optional<String> holder = Optional.empty();
        for (String identity : identities) {
            if (!inserts.insert("INSERT INTO contact_identity (identity, contact_id) VALUES (?, ?)", "identity",
                    identity, contactId) && holder.isEmpty()) {
                holder = jdbc.queryForList(HOLDER,
                        String.class, identity).stream().findFirst();
            }
        }
        return holder;
    }

    @Override
    public Optional<String> holder(Collection<String> identities) {
        for (String identity : identities) {
            Optional<String> holder = jdbc.queryForList(HOLDER,
                    String.class, identity).stream().findFirst();
            if (holder.isPresent()) {
                return holder;
            }
        }
        return Optional.empty();
    }
}
