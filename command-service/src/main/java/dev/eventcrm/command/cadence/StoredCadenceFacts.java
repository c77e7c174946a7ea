package dev.eventcrm.command.cadence;

import dev.eventcrm.command.contact.Contacts;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.pipeline.PipelineStages;
import dev.eventcrm.command.pipeline.Pipelines;
import dev.eventcrm.command.user.Users;
import dev.eventcrm.events.pipeline.StageKind;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link CadenceFacts} from the command side's own state, in the call's transaction: the contact and the user
 * through their Axon repositories, the contact's open deals from {@code record_owner} (open, with their contact) and
 * {@code deal_position} (their pipeline).
 * <p>
 * An aggregate is read in a unit of work of its own, nested in the saga's (so in the same transaction, its lock held
 * until that ends), whose message names the read: Axon's repositories expect to serve a command, and warn on every
 * load in the unit of work of an event.
 */
@Component
class StoredCadenceFacts implements CadenceFacts {

    private final Contacts contacts;
    private final Users users;
    private final JdbcTemplate jdbc;
    private final Pipelines pipelines;

    StoredCadenceFacts(Contacts contacts, Users users, JdbcTemplate jdbc, Pipelines pipelines) {
        this.contacts = contacts;
        this.users = users;
        this.jdbc = jdbc;
        this.pipelines = pipelines;
    }

    /** The message of the unit of work that reads an aggregate for the cadence. */
    record ReadForCadence(String aggregateType, String aggregateId) {
    }

    @Override
    public ContactFacts contact(String contactId) {
        Contacts.Reachability contact = read(new ReadForCadence(AggregateLookup.CONTACT, contactId),
                () -> contacts.reachability(contactId));
        return new ContactFacts(contact.ownerId(), zone(contact.timeZone()), contact.archived());
    }

    @Override
    public Optional<UserFacts> user(String userId) {
        return read(new ReadForCadence(AggregateLookup.USER, userId), () -> users.schedule(userId))
                .map(user -> new UserFacts(zone(user.timeZone()), user.workingHours()));
    }

    /** Deals of contacts merged into this one count too: the merge made them this client's. */
    @Override
    public List<DealToLose> openDeals(String contactId) {
        return jdbc.query("SELECT o.record_id, p.pipeline_id FROM record_owner o "
                        + "JOIN deal_position p ON p.deal_id = o.record_id "
                        + "WHERE o.record_type = ? AND o.active = TRUE AND (o.contact_id = ? OR o.contact_id IN "
                        + "(SELECT merged_id FROM contact_alias WHERE survivor_id = ?)) ORDER BY o.record_id",
                        (row, i) -> new String[]{row.getString(1), row.getString(2)},
                        AggregateLookup.DEAL, contactId, contactId).stream()
                .flatMap(deal -> lostStage(deal[1]).map(stage -> new DealToLose(deal[0], stage)).stream())
                .toList();
    }

    /** A pipeline without a LOST stage has nowhere to lose a deal: its deals stay open. */
    private Optional<String> lostStage(String pipelineId) {
        return pipelines.find(pipelineId).flatMap(stages -> stages.stages().stream()
                .filter(stage -> stage.kind() == StageKind.LOST).map(PipelineStages.Stage::id).findFirst());
    }

    private static <R> R read(ReadForCadence what, Supplier<R> reader) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage(what));
        try {
            R result = reader.get();
            unitOfWork.commit();
            return result;
        } catch (RuntimeException failed) {
            unitOfWork.rollback(failed);
            throw failed;
        }
    }

    /** A zone stored before zones were checked may be unknown to this JVM: treated as none. */
    private static ZoneId zone(String timeZone) {
        if (timeZone == null) {
            return null;
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException unknown) {
            return null;
        }
    }
}
