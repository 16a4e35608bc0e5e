package dev.tokenwise.github;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tokenwise.team.TeamService;

/**
 * The facts kept of a PR's body (docs/contract.md §6.2): the issues it closes ({@code fixes|closes|resolves #N},
 * GitHub's closing keywords) and the PR it reverts ({@code Reverts owner/repo#N}, as GitHub's revert button writes).
 * The body itself is never kept.
 */
record PrBody(List<Integer> closes, String revertsRepo, Integer revertsPr) {

    /** At most this many closed issues are kept per PR. */
    static final int MAX_CLOSES = 50;

    static final Pattern CLOSES = Pattern.compile(
            "\\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?):?\\s+#(\\d{1,9})\\b", Pattern.CASE_INSENSITIVE);
    static final Pattern REVERTS = Pattern.compile("^[ \\t]*reverts[ \\t]+([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)#(\\d{1,9})\\b",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

    static final PrBody EMPTY = new PrBody(List.of(), null, null);

    static PrBody of(String body) {
        if (body == null || body.isEmpty()) {
            return EMPTY;
        }
        TreeSet<Integer> closes = new TreeSet<>();
        Matcher m = CLOSES.matcher(body);
        while (m.find() && closes.size() < MAX_CLOSES) {
            int n = Integer.parseInt(m.group(1));
            if (n > 0) {
                closes.add(n);
            }
        }
        String repo = null;
        Integer pr = null;
        Matcher r = REVERTS.matcher(body);
        while (r.find()) {
            int n = Integer.parseInt(r.group(2));
            if (n > 0 && TeamService.REPO.matcher(r.group(1)).matches()) {
                repo = r.group(1).toLowerCase(Locale.ROOT);
                pr = n;
                break;
            }
        }
        return new PrBody(new ArrayList<>(closes), repo, pr);
    }
}
