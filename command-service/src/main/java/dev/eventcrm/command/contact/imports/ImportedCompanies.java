package dev.eventcrm.command.contact.imports;

import dev.eventcrm.command.company.CompanyNames;
import dev.eventcrm.command.company.CreateCompany;
import dev.eventcrm.command.dispatch.CommandDispatcher;
import dev.eventcrm.command.dispatch.CommandDispatcher.CommandOrigin;
import dev.eventcrm.command.lookup.AggregateLookup;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DataIntegrityViolationException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The companies an import's "company" column names: an existing company of that name (the first by id when several
 * have it), else one the import creates once, under a name-based id, so a re-import or a later row finds it.
 */
final class ImportedCompanies {

    /** Companies remembered per import, so that rows of one company cost one lookup; a file may name many. */
    private static final int REMEMBERED = 10_000;

    private final CompanyNames names;
    private final AggregateLookup lookup;
    private final CommandDispatcher dispatcher;
    private final CommandOrigin origin;
    private final Map<String, String> known = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED;
        }
    };

    ImportedCompanies(CompanyNames names, AggregateLookup lookup, CommandDispatcher dispatcher, CommandOrigin origin) {
        this.names = names;
        this.lookup = lookup;
        this.dispatcher = dispatcher;
        this.origin = origin;
    }

    String idFor(String name, String ownerId) throws Exception {
        String key = CompanyNames.key(name);
        String id = known.get(key);
        if (id == null) {
            List<String> existing = names.withName(name);
            id = existing.isEmpty() ? create(key, name.trim(), ownerId) : existing.get(0);
            known.put(key, id);
        }
        return id;
    }

    private String create(String key, String name, String ownerId) throws Exception {
        String id = UUID.nameUUIDFromBytes(("company-import-v1\n" + key).getBytes(StandardCharsets.UTF_8)).toString();
        if (lookup.exists(id, AggregateLookup.COMPANY)) {
            return id;
        }
        try {
            // a company known only by its name has no identity to be a duplicate of
            dispatcher.sendAndWait(new CreateCompany(id, name, null, List.of(), List.of(), null, null, null, null,
                    ownerId, true), origin, Instant.now());
        } catch (DataIntegrityViolationException | ConcurrencyException raced) {
            // another import created it between the lookup and this insert
            if (!lookup.exists(id, AggregateLookup.COMPANY)) {
                throw raced;
            }
        }
        return id;
    }
}
