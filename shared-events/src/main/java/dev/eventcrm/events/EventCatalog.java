package dev.eventcrm.events;

import dev.eventcrm.events.activity.EmailLogged;
import dev.eventcrm.events.activity.MeetingLogged;
import dev.eventcrm.events.activity.NoteAdded;
import dev.eventcrm.events.call.CallLogged;
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
import dev.eventcrm.events.contact.ContactArchived;
import dev.eventcrm.events.contact.ContactCompanyChanged;
import dev.eventcrm.events.contact.ContactCreated;
import dev.eventcrm.events.contact.ContactLocationChanged;
import dev.eventcrm.events.contact.ContactMerged;
import dev.eventcrm.events.contact.ContactMergedInto;
import dev.eventcrm.events.contact.ContactOwnerAssigned;
import dev.eventcrm.events.contact.ContactPersonalDataChanged;
import dev.eventcrm.events.contact.ContactRestored;
import dev.eventcrm.events.contact.ContactSourceChanged;
import dev.eventcrm.events.contact.ContactTimeZoneChanged;
import dev.eventcrm.events.deal.DealAmountChanged;
import dev.eventcrm.events.deal.DealExpectedCloseDateChanged;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealOwnerAssigned;
import dev.eventcrm.events.deal.DealReopened;
import dev.eventcrm.events.deal.DealStageMoved;
import dev.eventcrm.events.deal.DealTitleChanged;
import dev.eventcrm.events.imports.ContactImportFinished;
import dev.eventcrm.events.imports.ContactImportProgressed;
import dev.eventcrm.events.imports.ContactImportStarted;
import dev.eventcrm.events.invoice.InvoiceIssued;
import dev.eventcrm.events.invoice.InvoicePaid;
import dev.eventcrm.events.marketing.MarketingSpendRecorded;
import dev.eventcrm.events.pipeline.PipelineCreated;
import dev.eventcrm.events.pipeline.PipelineRenamed;
import dev.eventcrm.events.pipeline.PipelineStageAdded;
import dev.eventcrm.events.pipeline.PipelineStageChanged;
import dev.eventcrm.events.pipeline.PipelineStageRemoved;
import dev.eventcrm.events.pipeline.PipelineStagesReordered;
import dev.eventcrm.events.quota.QuotaSet;
import dev.eventcrm.events.segment.SegmentDeleted;
import dev.eventcrm.events.segment.SegmentSaved;
import dev.eventcrm.events.task.TaskCancelled;
import dev.eventcrm.events.task.TaskCompleted;
import dev.eventcrm.events.task.TaskCreated;
import dev.eventcrm.events.task.TaskReassigned;
import dev.eventcrm.events.task.TaskReminderDue;
import dev.eventcrm.events.task.TaskRescheduled;
import dev.eventcrm.events.user.UserCreated;
import dev.eventcrm.events.user.UserDeactivated;
import dev.eventcrm.events.user.UserMovedToTeam;
import dev.eventcrm.events.user.UserReactivated;
import dev.eventcrm.events.user.UserRenamed;
import dev.eventcrm.events.user.UserRoleChanged;
import dev.eventcrm.events.user.UserTimeZoneChanged;
import dev.eventcrm.events.user.UserWorkingHoursChanged;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every event type of the public contract, by the name used as {@code type} in the envelope. */
public final class EventCatalog {
    private static final List<Class<? extends Record>> TYPES = List.of(
            ContactCreated.class, ContactArchived.class, ContactRestored.class, DealOpened.class, DealStageMoved.class,
            DealOwnerAssigned.class, CallLogged.class, DealReopened.class, DealTitleChanged.class,
            DealAmountChanged.class, DealExpectedCloseDateChanged.class, PipelineCreated.class, PipelineRenamed.class,
            PipelineStageAdded.class, PipelineStageChanged.class, PipelineStageRemoved.class,
            PipelineStagesReordered.class, ContactPersonalDataChanged.class, ContactLocationChanged.class,
            ContactSourceChanged.class, ContactTimeZoneChanged.class, ContactOwnerAssigned.class,
            ContactImportStarted.class, ContactImportProgressed.class, ContactImportFinished.class,
            ContactMerged.class, ContactMergedInto.class, CompanyCreated.class, CompanyRenamed.class,
            CompanyInnChanged.class, CompanyPhonesChanged.class, CompanyEmailsChanged.class,
            CompanyWebsiteChanged.class, CompanyLocationChanged.class, CompanySourceChanged.class,
            CompanyOwnerAssigned.class, CompanyArchived.class, CompanyRestored.class, ContactCompanyChanged.class,
            UserCreated.class, UserRenamed.class, UserMovedToTeam.class, UserRoleChanged.class,
            UserTimeZoneChanged.class, UserWorkingHoursChanged.class, UserDeactivated.class, UserReactivated.class,
            MeetingLogged.class, EmailLogged.class, NoteAdded.class, TaskCreated.class, TaskRescheduled.class,
            TaskCompleted.class, TaskCancelled.class, TaskReassigned.class, TaskReminderDue.class,
            InvoiceIssued.class, InvoicePaid.class, QuotaSet.class, SegmentSaved.class, SegmentDeleted.class,
            MarketingSpendRecorded.class);

    private static final Map<String, Class<? extends Record>> BY_NAME = TYPES.stream()
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private EventCatalog() {
    }

    public static List<Class<? extends Record>> types() {
        return TYPES;
    }

    public static Optional<Class<? extends Record>> byName(String type) {
        return Optional.ofNullable(BY_NAME.get(type));
    }
}
