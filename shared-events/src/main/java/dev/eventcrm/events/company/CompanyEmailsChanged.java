package dev.eventcrm.events.company;

import java.util.List;

/** The company's e-mail addresses as they now are (empty: all removed). */
public record CompanyEmailsChanged(String companyId, List<String> emails) {

    public CompanyEmailsChanged {
        emails = emails == null ? List.of() : List.copyOf(emails);
    }
}
