package dev.eventcrm.command.contact.imports;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a CSV column holds, by the name a mapping gives ({@code "phone"}) or guessed from its header in English or
 * Russian. Company and comment are recognised so that they are not reported as unknown, but the contact model has no
 * place for them yet: their values are dropped.
 */
enum ContactField {
    /** Several name columns (Фамилия, Имя, Отчество) are joined with spaces in column order. */
    NAME("name", "full name", "имя", "фио", "контакт", "first name", "last name", "фамилия", "отчество"),
    /** Several phone columns, and several numbers in one cell, are all kept. */
    PHONE("phone", "tel", "mobile", "телефон", "мобильный", "telephone", "phone number", "тел.", "тел"),
    EMAIL("email", "e-mail", "mail", "почта", "эл. почта", "электронная почта"),
    COMPANY("company", "компания", "организация", "organization"),
    CITY("city", "город"),
    COUNTRY("country", "страна"),
    SOURCE("source", "channel", "источник", "канал"),
    OWNER("owner", "manager", "ответственный", "менеджер"),
    COMMENT("comment", "note", "комментарий", "примечание", "notes", "comments"),
    /** Only by an explicit mapping: the column is read by nothing. */
    IGNORE();

    private static final Map<String, ContactField> BY_HEADER = Arrays.stream(values())
            .flatMap(field -> field.headers.stream().map(header -> Map.entry(key(header), field)))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    private static final Map<String, ContactField> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ContactField::mappingName, Function.identity()));

    private final List<String> headers;

    ContactField(String... headers) {
        this.headers = List.of(headers);
    }

    /** The name a mapping uses, e.g. {@code email}. */
    String mappingName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The field a header names, ignoring case, spaces and ё/е ("E-Mail", "Эл.почта", "Full  Name"). */
    static Optional<ContactField> guess(String header) {
        return Optional.ofNullable(BY_HEADER.get(key(header)));
    }

    static Optional<ContactField> byMappingName(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name.trim().toLowerCase(Locale.ROOT)));
    }

    static List<String> mappingNames() {
        return Arrays.stream(values()).map(ContactField::mappingName).toList();
    }

    private static String key(String header) {
        return header.toLowerCase(Locale.ROOT).replace('ё', 'е').replaceAll("\\s+", "");
    }
}
