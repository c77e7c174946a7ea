package dev.eventcrm.events.contact;

/**
 * A phone number as typed and in its E.164 form ({@code +79123456789}).
 *
 * @param e164  null only in contacts created before numbers were normalised (their {@code phones} were kept as typed)
 * @param typed the text the user entered
 */
public record PhoneNumber(String e164, String typed) {
}
