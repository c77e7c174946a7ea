package dev.eventcrm.command.contact.imports;

import dev.eventcrm.api.ApiException;
import dev.eventcrm.api.phone.PhoneNumbers;
import dev.eventcrm.command.contact.CreateContact;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContactCsvTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    private static final PhoneNumbers PHONES = new PhoneNumbers("RU");

    @TempDir
    Path dir;

    @Test
    void aByteOrderMarkSemicolonsAndQuotedSeparatorsAndLineBreaksAreRead() throws IOException {
        Path file = write("\uFEFFИмя;Телефон;Комментарий\r\n"
                + "\"Петров; Иван\";\"8 (912) 345-67-89\";\"first line\nsecond; line\"\r\n"
                + "\r\n"
                + "Anna;+7 912 111 22 33;\"she said \"\"hi\"\"\"\r\n");

        ContactCsv.Layout layout = ContactCsv.inspect(file);

        assertThat(layout.delimiter()).isEqualTo(';');
        assertThat(layout.header()).containsExactly("Имя", "Телефон", "Комментарий");
        assertThat(layout.rows()).isEqualTo(2);
        assertThat(rows(file, layout)).containsExactly(
                new ContactCsv.Row(2, List.of("Петров; Иван", "8 (912) 345-67-89", "first line\nsecond; line")),
                new ContactCsv.Row(3, List.of("")),
                new ContactCsv.Row(4, List.of("Anna", "+7 912 111 22 33", "she said \"hi\"")));
    }

    @Test
    void commasSeparateUnlessTheHeaderHasMoreSemicolonsOutsideQuotes() throws IOException {
        assertThat(ContactCsv.inspect(write("\"name; full\",phone\nAnna,1\n")).delimiter()).isEqualTo(',');
        assertThat(ContactCsv.inspect(write("name,\"a,b\";phone;email\n")).delimiter()).isEqualTo(';');
        assertThat(ContactCsv.inspect(write("name\nAnna\n")).header()).containsExactly("name");
    }

    @Test
    void russianHeadersAreGuessedIgnoringCaseAndSpaces() {
        ColumnMapping columns = ColumnMapping.resolve(List.of("ФИО", "Мобильный", "Эл.Почта", "Компания", " Город ",
                "Источник", "Ответственный", "Примечание", "Дата рождения", "Телефон"), Map.of());

        assertThat(columns.describe()).containsExactly(Map.entry("ФИО", "name"), Map.entry("Мобильный", "phone"),
                Map.entry("Эл.Почта", "email"), Map.entry("Компания", "company"), Map.entry(" Город ", "city"),
                Map.entry("Источник", "source"), Map.entry("Ответственный", "owner"),
                Map.entry("Примечание", "comment"), Map.entry("Телефон", "phone"));
        assertThat(columns.columnsOf(ContactField.PHONE)).containsExactly(1, 9);
    }

    @Test
    void englishHeadersAreGuessed() {
        ColumnMapping columns = ColumnMapping.resolve(List.of("Full Name", "E-Mail", "TEL", "Manager", "Channel",
                "Note", "City", "Organization", "mail"), Map.of());

        assertThat(columns.describe()).containsExactly(Map.entry("Full Name", "name"), Map.entry("E-Mail", "email"),
                Map.entry("TEL", "phone"), Map.entry("Manager", "owner"), Map.entry("Channel", "source"),
                Map.entry("Note", "comment"), Map.entry("City", "city"), Map.entry("Organization", "company"),
                Map.entry("mail", "email"));
    }

    @Test
    void anExplicitMappingWinsOverTheGuessAndNamesItsMistakes() {
        ColumnMapping columns = ColumnMapping.resolve(List.of("Клиент", "Номер", "Телефон", "Город"),
                Map.of("клиент", "name", "Номер", "phone", "ТЕЛЕФОН", "ignore"));

        assertThat(columns.describe()).containsExactly(Map.entry("Клиент", "name"), Map.entry("Номер", "phone"),
                Map.entry("Город", "city"));
        assertThat(fieldOf(() -> ColumnMapping.resolve(List.of("Клиент"), Map.of("Клиент", "surname"))))
                .isEqualTo("mapping.Клиент");
        assertThat(fieldOf(() -> ColumnMapping.resolve(List.of("name"), Map.of("Клиент", "name"))))
                .isEqualTo("mapping.Клиент");
        assertThat(fieldOf(() -> ColumnMapping.resolve(List.of("name", "tel"), Map.of("name", "comment"))))
                .isEqualTo("mapping");
        assertThat(fieldOf(() -> ColumnMapping.resolve(List.of("client", "tel"), Map.of()))).isEqualTo("file");
    }

    @Test
    void whatIsNotUtf8CsvWithAHeaderIsRefusedNamingTheFile() throws IOException {
        Path cp1251 = dir.resolve("cp1251.csv");
        Files.write(cp1251, "Имя;Телефон\nИван;89123456789\n".getBytes(Charset.forName("windows-1251")));
        assertThat(fieldOf(() -> ContactCsv.inspect(cp1251))).isEqualTo("file");
        for (String notCsv : List.of("", "\uFEFF\n\nname\n", "name,phone\n\"Anna,1\n", "name\nA\0B\n")) {
            Path file = write(notCsv);
            assertThat(fieldOf(() -> ContactCsv.inspect(file))).as(notCsv).isEqualTo("file");
        }
    }

    @Test
    void rowsBecomeCommandsWithEveryNumberAndNameParts() {
        ContactRows rows = contactRows(List.of("Фамилия", "Имя", "Телефон", "Мобильный", "Email", "Компания"));

        ContactRows.Parsed parsed = rows.read(new ContactCsv.Row(2, List.of("Петров", "Иван",
                "8 (912) 345-67-89; +7 912 111-22-33", "", "ivan@example.com, I.Petrov@Example.com", "ACME")));

        CreateContact command = ((ContactRows.Valid) parsed).command();
        assertThat(command.personal().name()).isEqualTo("Петров Иван");
        assertThat(command.personal().phones()).containsExactly("8 (912) 345-67-89", "+7 912 111-22-33");
        assertThat(command.personal().phoneNumbers()).extracting("e164")
                .containsExactly("+79123456789", "+79121112233");
        assertThat(command.personal().emails()).containsExactly("ivan@example.com", "I.Petrov@Example.com");
        assertThat(command.ownerId()).isEqualTo("m1");
        assertThat(rows.read(new ContactCsv.Row(3, List.of(" ", "", "", "", "", "")))).isInstanceOf(ContactRows.Blank.class);
    }

    @Test
    void aRejectedRowNamesEachBadColumnAndValue() {
        ContactRows rows = contactRows(List.of("Имя", "Телефон", "Мобильный", "Email"));

        assertThat(rows.read(new ContactCsv.Row(2, List.of("", "12", "8 912 345 67 89", "not-an-email"))))
                .isEqualTo(new ContactRows.Rejected(List.of(
                        new ContactRows.RowError("Email", "\"not-an-email\" must be a well-formed email address"),
                        new ContactRows.RowError("Имя", "must not be blank"))));
        ContactRows.Rejected badPhone = (ContactRows.Rejected) rows.read(new ContactCsv.Row(3,
                List.of("Anna", "8 912 345 67 89", "12", "")));
        assertThat(badPhone.errors()).singleElement().satisfies(error -> {
            assertThat(error.column()).isEqualTo("Мобильный");
            assertThat(error.reason()).startsWith("\"12\" is not a valid phone number");
        });
        assertThat(rows.read(new ContactCsv.Row(4, List.of("x".repeat(201), "", "", ""))))
                .isEqualTo(new ContactRows.Rejected(List.of(
                        new ContactRows.RowError("Имя", "size must be between 0 and 200"))));
    }

    @Test
    void theSamePersonTypedDifferentlyGetsTheSameIdAndAnotherPersonAnother() {
        ContactRows rows = contactRows(List.of("name", "phone", "email", "city"));

        String first = id(rows.read(new ContactCsv.Row(2, List.of("Anna  Petrova", "8 (912) 345-67-89",
                "Anna@Example.com", "Perm"))));
        String again = id(rows.read(new ContactCsv.Row(3, List.of("anna petrova", "+79123456789",
                "anna@example.com", " perm "))));
        String noContacts = id(rows.read(new ContactCsv.Row(4, List.of("Anna Petrova", "", "", "Perm"))));
        String otherCity = id(rows.read(new ContactCsv.Row(5, List.of("Anna Petrova", "", "", "Omsk"))));

        assertThat(again).isEqualTo(first);
        assertThat(List.of(first, noContacts, otherCity)).doesNotHaveDuplicates();
    }

    private static String id(ContactRows.Parsed parsed) {
        return ((ContactRows.Valid) parsed).command().contactId();
    }

    private static ContactRows contactRows(List<String> header) {
        return new ContactRows(ColumnMapping.resolve(header, Map.of()), "m1", PHONES, VALIDATOR);
    }

    private static String fieldOf(Runnable action) {
        List<String> fields = new ArrayList<>();
        assertThatThrownBy(action::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.getStatus().value()).isEqualTo(400);
            fields.add(e.getErrors().get(0).field());
        });
        return fields.get(0);
    }

    private List<ContactCsv.Row> rows(Path file, ContactCsv.Layout layout) {
        List<ContactCsv.Row> rows = new ArrayList<>();
        try (ContactCsv.Rows reader = ContactCsv.open(file, layout.delimiter())) {
            reader.forEachRemaining(rows::add);
        }
        return rows;
    }

    private Path write(String content) throws IOException {
        Path file = Files.createTempFile(dir, "contacts", ".csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
