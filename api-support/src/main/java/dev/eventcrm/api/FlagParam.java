package dev.eventcrm.api;

/** A true/false request parameter: only those two words, so that a typo is not read as "no". */
public final class FlagParam {

    private FlagParam() {
    }

    /** False when absent; a value other than {@code true} or {@code false} is a 400 naming {@code name}. */
    public static boolean parse(String name, String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ApiException.invalid(name, "must be true or false");
    }
}
