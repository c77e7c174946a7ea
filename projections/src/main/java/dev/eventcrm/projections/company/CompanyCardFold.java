package dev.eventcrm.projections.company;

import dev.eventcrm.events.company.CompanyArchived;
import dev.eventcrm.events.company.CompanyCreated;
import dev.eventcrm.events.company.CompanyEmailsChanged;
import dev.eventcrm.events.company.CompanyInnChanged;
import dev.eventcrm.events.company.CompanyLocationChanged;
import dev.eventcrm.events.company.CompanyOwnerAssigned;
import dev.eventcrm.events.company.CompanyPhonesChanged;
import dev.eventcrm.events.company.CompanyRenamed;
import dev.eventcrm.events.company.CompanyRestored;
import dev.eventcrm.events.company.CompanySourceChanged;
import dev.eventcrm.events.company.CompanyWebsiteChanged;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.fold.Fold;

import java.util.List;

/** The companies' fold: each company's own events shape its document. */
public final class CompanyCardFold implements Fold<CompanyCard> {

    @Override
    public List<String> targets(ParsedEvent event) {
        return event.isOf(ParsedEvent.COMPANY) ? List.of(event.aggregateId()) : List.of();
    }

    @Override
    public CompanyCard empty(String documentId) {
        return CompanyCard.empty(documentId);
    }

    @Override
    public CompanyCard apply(CompanyCard c, ParsedEvent event) {
        Record payload = event.payload();
        if (payload instanceof CompanyCreated e) {
            return new CompanyCard(c.id(), e.name(), e.inn(), e.phones(), e.emails(), e.website(), e.city(),
                    e.country(), e.source(), e.ownerId(), c.archived(), event.occurredAt());
        }
        if (payload instanceof CompanyRenamed e) {
            return new CompanyCard(c.id(), e.name(), c.inn(), c.phones(), c.emails(), c.website(), c.city(),
                    c.country(), c.source(), c.ownerId(), c.archived(), c.createdAt());
        }
        if (payload instanceof CompanyInnChanged e) {
            return new CompanyCard(c.id(), c.name(), e.inn(), c.phones(), c.emails(), c.website(), c.city(),
                    c.country(), c.source(), c.ownerId(), c.archived(), c.createdAt());
        }
        if (payload instanceof CompanyPhonesChanged e) {
            return new CompanyCard(c.id(), c.name(), c.inn(), e.phones(), c.emails(), c.website(), c.city(),
                    c.country(), c.source(), c.ownerId(), c.archived(), c.createdAt());
        }
        if (payload instanceof CompanyEmailsChanged e) {
            return new CompanyCard(c.id(), c.name(), c.inn(), c.phones(), e.emails(), c.website(), c.city(),
                    c.country(), c.source(), c.ownerId(), c.archived(), c.createdAt());
        }
        if (payload instanceof CompanyWebsiteChanged e) {
            return new CompanyCard(c.id(), c.name(), c.inn(), c.phones(), c.emails(), e.website(), c.city(),
                    c.country(), c.source(), c.ownerId(), c.archived(), c.createdAt());
        }
        if (payload instanceof CompanyLocationChanged e) {
            return new CompanyCard(c.id(), c.name(), c.inn(), c.phones(), c.emails(), c.website(), e.city(),
                    e.country(), c.source(), c.ownerId(), c.archived(), c.createdAt());
        }
        if (payload instanceof CompanySourceChanged e) {
            return new CompanyCard(c.id(), c.name(), c.inn(), c.phones(), c.emails(), c.website(), c.city(),
                    c.country(), e.source(), c.ownerId(), c.archived(), c.createdAt());
        }
        if (payload instanceof CompanyOwnerAssigned e) {
            return new CompanyCard(c.id(), c.name(), c.inn(), c.phones(), c.emails(), c.website(), c.city(),
                    c.country(), c.source(), e.newOwnerId(), c.archived(), c.createdAt());
        }
        if (payload instanceof CompanyArchived || payload instanceof CompanyRestored) {
            return new CompanyCard(c.id(), c.name(), c.inn(), c.phones(), c.emails(), c.website(), c.city(),
                    c.country(), c.source(), c.ownerId(), payload instanceof CompanyArchived, c.createdAt());
        }
        // A company event this read model shows nothing of yet.
        return c;
    }
}
