package dev.eventcrm.events.company;

/** The company's city or country changed; both are given as they now are (null: removed). */
public record CompanyLocationChanged(String companyId, String city, String country) {
}
