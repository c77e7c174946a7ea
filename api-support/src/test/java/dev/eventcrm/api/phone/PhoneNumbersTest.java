package dev.eventcrm.api.phone;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhoneNumbersTest {

    private final PhoneNumbers russia = new PhoneNumbers("RU");

    @Test
    void theFormatsPeopleTypeAreOneNumber() {
        assertThat(russia.e164("8 (912) 345-67-89")).contains("+79123456789");
        assertThat(russia.e164("+7 912 345 67 89")).contains("+79123456789");
        assertThat(russia.e164("79123456789")).contains("+79123456789");
        assertThat(russia.e164("+7 (912) 3456789")).contains("+79123456789");
    }

    @Test
    void aNumberWithItsCountryCodeIsReadInThatCountryWhateverTheDefaultRegion() {
        assertThat(russia.e164("+49 30 12345678")).contains("+493012345678");
        assertThat(new PhoneNumbers("DE").e164("030 12345678")).contains("+493012345678");
    }

    @Test
    void textThatIsNoValidNumberHasNoE164Form() {
        assertThat(russia.e164("12")).isEmpty();
        assertThat(russia.e164("call me")).isEmpty();
        assertThat(russia.e164("+7 000 000 00 00")).isEmpty();
        assertThat(russia.e164(" ")).isEmpty();
    }

    @Test
    void aLandlineAreaHasItsTimeZoneAndAnUnknownNumberNone() {
        assertThat(PhoneNumbers.timeZone("+74951234567")).contains("Europe/Moscow");
        assertThat(PhoneNumbers.timeZone("+493012345678")).contains("Europe/Berlin");
        assertThat(PhoneNumbers.timeZone(null)).isEmpty();
        assertThat(PhoneNumbers.timeZone("not a number")).isEmpty();
    }

    @Test
    void aPartlyTypedNumberIsMatchedOnItsDigitsWithAndWithoutCountryCode() {
        assertThat(PhoneNumbers.digitPrefixes("+79123456789")).containsExactly("79123456789", "9123456789");
        assertThat(PhoneNumbers.digitPrefixes("garbage")).isEmpty();
    }

    @Test
    void anUnknownDefaultRegionIsRefusedAtStartup() {
        assertThatThrownBy(() -> new PhoneNumbers("XX")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("crm.phones.default-region");
    }
}
