package io.dmicro.drpc.codec;

import java.lang.reflect.Type;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code 'f'} body codec, {@code application/x-www-form-urlencoded} in UTF-8: maps (a
 * collection value gives repeated keys) and beans or records, which Jackson converts to and from
 * maps.
 *
 * <p>Decoding into {@code Map<String, String>} keeps the first value of a repeated key, as Go's
 * {@code url.Values.Get} does; {@code Map<String, List<String>>}, a raw {@code Map} or
 * {@code Object} keep them all.
 */
public final class FormCodec implements Codec {

    /** The wire id. */
    public static final byte ID = 'f';

    private final ObjectMapper mapper;

    /** Converts beans with Jackson defaults, but ignores unknown keys. */
    public FormCodec() {
        // A form field sent once must still fill a List field, and extra fields are common.
        this(JsonMapper.builder()
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build());
    }

    /** Converts beans with the given mapper. */
    public FormCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public byte id() {
        return ID;
    }

    @Override
    public String name() {
        return "form";
    }

    @Override
    public String contentType() {
        return "application/x-www-form-urlencoded";
    }

    @Override
    public byte[] encode(@Nullable Object value) {
        if (value == null) {
            return new byte[0];
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<?, ?> entry : toMap(value).entrySet()) {
            String key = String.valueOf(entry.getKey());
            for (Object item : values(key, entry.getValue())) {
                if (item == null) {
                    continue;
                }
                if (out.length() > 0) {
                    out.append('&');
                }
                out.append(URLEncoder.encode(key, StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(String.valueOf(item), StandardCharsets.UTF_8));
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Maps and objects with fields; a scalar, a string, an array or a collection cannot be. */
    @Override
    public boolean canEncode(Type type) {
        Class<?> c = RawTypes.rawClass(type);
        if (c == null || c == void.class || c == Void.class) {
            return true;
        }
        return !(c.isPrimitive() || c.isArray() || c.isEnum() || Number.class.isAssignableFrom(c) || c == Boolean.class
                || c == Character.class || CharSequence.class.isAssignableFrom(c) || Collection.class.isAssignableFrom(c));
    }

    @Override
    public @Nullable Object decode(byte[] data, Type type) {
        Map<String, List<String>> form = parse(new String(data, StandardCharsets.UTF_8));
        try {
            JavaType target = mapper.constructType(type);
            if (target.isJavaLangObject()) {
                return form;
            }
            if (target.isMapLikeType()) {
                JavaType content = target.getContentType();
                return content.isCollectionLikeType() || content.isJavaLangObject()
                        ? mapper.convertValue(form, target)
                        : mapper.convertValue(collapse(form, true), target);
            }
            if (looksLikeJson(data)) {
                // its whole text would be one form key that names no field: say what happened instead
                throw new CodecException("form codec: cannot decode " + type.getTypeName() + ": the body looks like JSON,"
                        + " but came as a form (application/x-www-form-urlencoded, which curl -d sends unless"
                        + " -H 'Content-Type: application/json' says otherwise)");
            }
            return mapper.convertValue(collapse(form, false), target);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new CodecException("form codec: cannot decode " + type.getTypeName() + ": " + reason(e), e);
        }
    }

    private static boolean looksLikeJson(byte[] data) {
        for (byte b : data) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b == '{' || b == '[';
            }
        }
        return false;
    }

    /** Jackson's reason, but a missing form field by its name rather than Jackson's advice on its own settings. */
    private static String reason(RuntimeException e) {
        if (e instanceof tools.jackson.databind.exc.MismatchedInputException m && !m.getPath().isEmpty()
                && String.valueOf(m.getOriginalMessage()).startsWith("Cannot map `null` into type")) {
            String field = m.getPath().get(m.getPath().size() - 1).getPropertyName();
            return "the form has no value for '" + field + "' (" + m.getTargetType().getTypeName() + ")";
        }
        return JsonCodec.reason(e);
    }

    private Map<?, ?> toMap(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        try {
            return mapper.convertValue(value, Map.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new CodecException("form codec: cannot encode " + value.getClass().getName()
                    + " as a map: " + JsonCodec.reason(e), e);
        }
    }

    private static Collection<?> values(String key, @Nullable Object value) {
        if (value == null) {
            return List.of();
        }
        Collection<?> items = value instanceof Collection<?> c ? c
                : value instanceof Object[] array ? Arrays.asList(array) : List.of(value);
        for (Object item : items) {
            if (item instanceof Map<?, ?> || item instanceof Collection<?>
                    || item instanceof Object[]) {
                throw new CodecException("form codec: field '" + key
                        + "' holds a nested value, which a form cannot carry");
            }
        }
        return items;
    }

    private static Map<String, List<String>> parse(String text) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                String name = URLDecoder.decode(key, StandardCharsets.UTF_8);
                form.computeIfAbsent(name, k -> new ArrayList<>())
                        .add(URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new CodecException("form codec: malformed percent-encoding: "
                        + e.getMessage(), e);
            }
        }
        return form;
    }

    // Single values become scalars so that Jackson can bind them to non-list fields.
    private static Map<String, Object> collapse(Map<String, List<String>> form, boolean first) {
        Map<String, Object> out = new LinkedHashMap<>();
        form.forEach((k, v) -> out.put(k, first || v.size() == 1 ? v.get(0) : v));
        return out;
    }
}
