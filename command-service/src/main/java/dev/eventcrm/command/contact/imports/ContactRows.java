package dev.eventcrm.command.contact.imports;

import dev.eventcrm.api.ApiException;
import dev.eventcrm.api.phone.PhoneNumbers;
import dev.eventcrm.command.contact.CreateContact;
import dev.eventcrm.command.contact.CreateContactRequest;
import dev.eventcrm.events.contact.PhoneNumber;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns each row of a file into the {@link CreateContact} that {@code POST /api/v1/contacts} would send for it, with
 * the same validation and phone normalisation, or into the reasons it cannot be one, each naming its column.
 */
final class ContactRows {

    sealed interface Parsed permits Blank, Rejected, Valid {
    }

    /** A row with no value in any column: skipped, not an error. */
    record Blank() implements Parsed {
    }

    record Rejected(List<RowError> errors) implements Parsed {
    }

    /** @param companyName the company the row names, null for none */
    record Valid(CreateContact command, String companyName) implements Parsed {
    }

    record RowError(String column, String reason) {
    }

    /** A value and the column it came from (a cell may hold several phone numbers). */
    private record Cell(String value, int column) {
    }

    private static final Pattern PHONES_IN_CELL = Pattern.compile("\\s*[,;]\\s*");
    private static final Pattern EMAILS_IN_CELL = Pattern.compile("[,;\\s]+");
    private static final Pattern INDEXED = Pattern.compile("\\w+\\[(\\d+)]");
    /** The column named for a missing owner when the file has none: the query parameter that supplies it. */
    static final String OWNER_PARAMETER = "ownerId";
    /** As a company's name is bounded when it is created over the API. */
    private static final int MAX_COMPANY_NAME = 200;

    private final ColumnMapping columns;
    private final String defaultOwner;
    private final PhoneNumbers phoneNumbers;
    private final Validator validator;

    ContactRows(ColumnMapping columns, String defaultOwner, PhoneNumbers phoneNumbers, Validator validator) {
        this.columns = columns;
        this.defaultOwner = defaultOwner;
        this.phoneNumbers = phoneNumbers;
        this.validator = validator;
    }

    Parsed read(ContactCsv.Row row) {
        if (row.blank()) {
            return new Blank();
        }
        List<String> values = row.values();
        List<Cell> phones = cells(values, ContactField.PHONE, PHONES_IN_CELL);
        List<Cell> emails = cells(values, ContactField.EMAIL, EMAILS_IN_CELL);
        String owner = first(values, ContactField.OWNER);
        CreateContactRequest request = new CreateContactRequest(name(values),
                phones.stream().map(Cell::value).toList(), emails.stream().map(Cell::value).toList(),
                first(values, ContactField.CITY), first(values, ContactField.COUNTRY),
                first(values, ContactField.SOURCE), owner != null ? owner : defaultOwner, null, null);
        String company = first(values, ContactField.COMPANY);
        if (company != null && company.length() > MAX_COMPANY_NAME) {
            return new Rejected(List.of(new RowError(columns.header(columns.columnsOf(ContactField.COMPANY).get(0)),
                    "must be at most " + MAX_COMPANY_NAME + " characters")));
        }
        List<ConstraintViolation<CreateContactRequest>> violations = List.copyOf(validator.validate(request));
        if (!violations.isEmpty()) {
            return new Rejected(violations.stream()
                    .map(violation -> error(violation.getPropertyPath(), violation.getMessage(), phones, emails))
                    .sorted(Comparator.comparing(RowError::column).thenComparing(RowError::reason)).toList());
        }
        CreateContact draft;
        try {
            draft = request.toCommand("", phoneNumbers, false);
        } catch (ApiException invalid) {
            return new Rejected(invalid.getErrors().stream().map(e -> listError(e.field(), e.message(), phones,
                    emails)).toList());
        }
        return new Valid(new CreateContact(contactId(draft), draft.personal(), draft.city(), draft.country(),
                draft.source(), draft.ownerId(), draft.timeZone(), null, false), company);
    }

    /**
     * The id a row's contact gets: a name-based UUID of its normalised identity (name, E.164 numbers, lower-case
     * e-mails, city, country), so that importing the same person again, from this file or a later one, finds the
     * contact it created even when it has no phone number or e-mail to be recognised by.
     */
    static String contactId(CreateContact contact) {
        String canonical = String.join("\n", "contact-import-v1",
                canonical(contact.personal().name()),
                contact.personal().phoneNumbers().stream().map(PhoneNumber::e164).sorted()
                        .collect(Collectors.joining(",")),
                contact.personal().emails().stream().map(ContactRows::canonical).sorted()
                        .collect(Collectors.joining(",")),
                canonical(contact.city()), canonical(contact.country()));
        return UUID.nameUUIDFromBytes(canonical.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String canonical(String text) {
        return text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFC).trim().replaceAll("\\s+", " ")
                .toLowerCase(Locale.ROOT);
    }

    private RowError error(Path path, String message, List<Cell> phones, List<Cell> emails) {
        String property = null;
        Integer index = null;
        for (Path.Node node : path) {
            property = property == null ? node.getName() : property;
            index = node.getIndex() != null ? node.getIndex() : index;
        }
        String field = index == null ? property : property + "[" + index + "]";
        return listError(field, message, phones, emails);
    }

    /** {@code phones[2]} is the third number: its column, and the number in the reason. */
    private RowError listError(String field, String message, List<Cell> phones, List<Cell> emails) {
        Matcher indexed = INDEXED.matcher(field);
        if (indexed.matches()) {
            List<Cell> cells = field.startsWith("phones") ? phones : emails;
            Cell cell = cells.get(Integer.parseInt(indexed.group(1)));
            return new RowError(columns.header(cell.column()), "\"" + cell.value() + "\" " + message);
        }
        ContactField source = switch (field) {
            case "name" -> ContactField.NAME;
            case "phones" -> ContactField.PHONE;
            case "emails" -> ContactField.EMAIL;
            case "city" -> ContactField.CITY;
            case "country" -> ContactField.COUNTRY;
            case "source" -> ContactField.SOURCE;
            case "ownerId" -> ContactField.OWNER;
            default -> throw new IllegalStateException("An import has no column for " + field);
        };
        List<Integer> sourceColumns = columns.columnsOf(source);
        String column = sourceColumns.isEmpty() ? OWNER_PARAMETER : columns.header(sourceColumns.get(0));
        return new RowError(column, message);
    }

    /** The name columns' values joined with spaces (Фамилия Имя Отчество); null when all are empty. */
    private String name(List<String> values) {
        String name = columns.columnsOf(ContactField.NAME).stream().map(i -> value(values, i))
                .filter(Objects::nonNull).collect(Collectors.joining(" "));
        return name.isEmpty() ? null : name;
    }

    private String first(List<String> values, ContactField field) {
        return columns.columnsOf(field).stream().map(i -> value(values, i)).filter(Objects::nonNull).findFirst()
                .orElse(null);
    }

    private List<Cell> cells(List<String> values, ContactField field, Pattern separators) {
        List<Cell> cells = new ArrayList<>();
        for (int column : columns.columnsOf(field)) {
            String value = value(values, column);
            if (value != null) {
                for (String part : separators.split(value)) {
                    if (!part.isBlank()) {
                        cells.add(new Cell(part.trim(), column));
                    }
                }
            }
        }
        return cells;
    }

    /** The trimmed value, null when empty or when the row is shorter than the header. */
    private static String value(List<String> values, int column) {
        String value = column < values.size() ? values.get(column).trim() : "";
        return value.isEmpty() ? null : value;
    }
}
