package dev.eventcrm.api;

import java.math.BigDecimal;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Strict binding of request bodies: a value of the wrong JSON type, a duplicate or unknown key, and text that no
 * client should send (NUL, lone surrogates) are refused instead of silently converted or dropped. Applied to the
 * application's JsonMapper, which WebFlux's codecs use.
 */
public final class StrictJson implements JsonMapperBuilderCustomizer {

    @Override
    public void customize(tools.jackson.databind.json.JsonMapper.Builder builder) {
        builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                // Exact amounts travel as strings ("1500.00"), the one text-to-number conversion the API accepts.
                .withCoercionConfig(BigDecimal.class,
                        config -> config.setCoercion(CoercionInputShape.String, CoercionAction.TryConvert))
                .addModule(new SimpleModule("strict-text").addDeserializer(String.class, new TextDeserializer()));
    }

    /** A text value that is JSON but not acceptable text. */
    public static final class UnsafeTextException extends InvalidFormatException {
        UnsafeTextException(JsonParser parser, String message, String value) {
            super(parser, message, value, String.class);
        }
    }

    /** Only a JSON string is a string (no 123 -> "123"), and it must be well-formed Unicode without NUL. */
    static final class TextDeserializer extends StdScalarDeserializer<String> {

        TextDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String text = parser.getString();
            String problem = problem(text);
            if (problem != null) {
                throw new UnsafeTextException(parser, problem, text);
            }
            return text;
        }

        static String problem(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\u0000') {
                    return "must not contain NUL characters";
                }
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                        i++;
                        continue;
                    }
                    return "must be well-formed Unicode (lone surrogate)";
                }
                if (Character.isLowSurrogate(c)) {
                    return "must be well-formed Unicode (lone surrogate)";
                }
            }
            return null;
        }
    }
}
