package dev.eventcrm.command.company;

import dev.eventcrm.api.ApiException;

/**
 * The Russian taxpayer number (ИНН): 10 digits for an organisation, 12 for a sole proprietor, the last one (two)
 * check digits. Checking them catches most typos, which would otherwise defeat duplicate detection by INN.
 */
final class Inn {

    private static final int[] TEN = {2, 4, 10, 3, 5, 9, 4, 6, 8};
    private static final int[] ELEVEN = {7, 2, 4, 10, 3, 5, 9, 4, 6, 8};
    private static final int[] TWELVE = {3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8};

    private Inn() {
    }

    /** The INN with spaces removed; a 400 naming {@code field} unless it is a valid one. Null stays null. */
    static String checked(String field, String inn) {
        if (inn == null) {
            return null;
        }
        String digits = inn.replace(" ", "");
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9') || !valid(digits)) {
            throw ApiException.invalid(field, "is not a valid INN (10 digits for an organisation, 12 for a sole "
                    + "proprietor, with their check digits)");
        }
        return digits;
    }

    static boolean valid(String digits) {
        return switch (digits.length()) {
            case 10 -> check(digits, TEN) == digits.charAt(9) - '0';
            case 12 -> check(digits, ELEVEN) == digits.charAt(10) - '0'
                    && check(digits, TWELVE) == digits.charAt(11) - '0';
            default -> false;
        };
    }

    private static int check(String digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i] * (digits.charAt(i) - '0');
        }
        return sum % 11 % 10;
    }
}
