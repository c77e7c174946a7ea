package dev.eventcrm.command.company;

import dev.eventcrm.api.ApiException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** A company's website: an http(s) address, or a bare host name such as {@code example.com}, kept as given. */
final class Website {

    private Website() {
    }

    /** A 400 naming {@code website} unless it is one; null stays null. */
    static String checked(String website) {
        if (website == null) {
            return null;
        }
        String address = website.contains("://") ? website : "https://" + website;
        try {
            URI uri = new URI(address);
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getHost().contains(".")) {
                return website;
            }
        } catch (URISyntaxException notAnAddress) {
            // answered below
        }
        throw ApiException.invalid("website", "must be a web address such as https://example.com or example.com");
    }
}
