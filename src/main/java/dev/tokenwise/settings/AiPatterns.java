package dev.tokenwise.settings;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.tokenwise.common.InputLimits;
import dev.tokenwise.common.error.Problem;

/** How {@code ai_commit_patterns} are compiled (case-insensitive, per line) and validated. */
public final class AiPatterns {

    private AiPatterns() {
    }

    /** A pattern as the detection uses it: case-insensitive, {@code ^} and {@code $} at every line's ends. */
    public static Pattern compile(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.MULTILINE);
    }

    /** 1 to {@code maxItems} patterns of 1 to {@code maxLength} characters, each compiling; names the bad one. */
    static void validate(List<Problem.Violation> errors, String field, List<String> patterns, int maxItems,
            int maxLength) {
        if (patterns == null) {
            return;
        }
        if (patterns.isEmpty() || patterns.size() > maxItems) {
            errors.add(new Problem.Violation(null, field, "must list 1 to " + maxItems + " patterns"));
            return;
        }
        for (int i = 0; i < patterns.size(); i++) {
            String p = patterns.get(i);
            String f = field + "[" + i + "]";
            if (p == null || p.isEmpty() || p.length() > maxLength) {
                errors.add(new Problem.Violation(null, f, "must have 1 to " + maxLength + " characters"));
            } else if (InputLimits.hasControl(p)) {
                errors.add(new Problem.Violation(null, f, "must not contain control characters (such as NUL)"));
            } else {
                try {
                    compile(p);
                } catch (PatternSyntaxException e) {
                    errors.add(new Problem.Violation(null, f, "must be a valid regular expression: "
                            + e.getDescription()));
                }
            }
        }
    }
}
