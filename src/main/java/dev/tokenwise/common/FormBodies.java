package dev.tokenwise.common;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tokenwise.common.error.Problem;
import dev.tokenwise.common.error.ProblemException;

/**
 * Strict {@code application/x-www-form-urlencoded} decoding (GitHub's form deliveries, Slack's commands and
 * interactivity). {@link java.net.URLDecoder} throws an unchecked exception on a broken escape ({@code %ZZ},
 * {@code %A} at the end) and silently turns invalid UTF-8 into U+FFFD; here either is a 400 naming the field, and
 * so is a NUL byte (no client of ours ever sends one, and PostgreSQL cannot store one).
 */
public final class FormBodies {

    private FormBodies() {
    }

    /**
     * The fields of a form body in order; for a repeated name the first value. Throws a 400 problem naming the
     * first field that is not well formed ({@code body} when its name cannot be decoded).
     */
    public static Map<String, String> decode(byte[] raw) {
        Map<String, String> fields = new LinkedHashMap<>();
        String body = new String(raw, StandardCharsets.ISO_8859_1);
        if (body.isEmpty()) {
            return fields;
        }
        for (String pair : body.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String name = component(rawName);
            if (name == null) {
                throw bad("body", "has a field name that is not valid percent-encoded UTF-8");
            }
            String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
            if (!escapesComplete(rawValue)) {
                throw bad(name, "has a broken percent escape (every % must be followed by two hex digits)");
            }
            String value = component(rawValue);
            if (value == null) {
                throw bad(name, "is not UTF-8 once percent-decoded");
            }
            if (name.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
                throw bad(name.indexOf('\0') >= 0 ? "body" : name, "must not contain a NUL byte");
            }
            fields.putIfAbsent(name, value);
        }
        return fields;
    }

    private static boolean escapesComplete(String s) {
        for (int i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 1)) {
            if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0
                    || Character.digit(s.charAt(i + 2), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** One decoded name or value; null when an escape is broken or the bytes are not UTF-8. */
    private static String component(String s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= s.length()) {
                    return null;
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                // The body was read as ISO-8859-1, so each char is one raw byte (raw UTF-8 is tolerated).
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static ProblemException bad(String field, String message) {
        return ProblemException.badRequest("The form body is not well formed.",
                List.of(new Problem.Violation(null, field, message)));
    }
}
