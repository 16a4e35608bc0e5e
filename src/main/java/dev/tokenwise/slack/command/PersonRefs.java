package dev.tokenwise.slack.command;

import java.util.regex.Pattern;

/**
 * Recognises arguments that name a person: {@code @alice}, an escaped mention {@code <@U012ABC>} /
 * {@code <@U012ABC|alice>}, or a bare user id such as {@code U012ABC} / {@code W012ABC}. Such a request gets the
 * team-level policy instead of a figure (docs/contract.md §2). A plain word that is no team is handled by
 * {@link CommandArgs} (it may be a person's name: no figure either).
 */
public final class PersonRefs {

    private static final Pattern MENTION = Pattern.compile("<@[UW][A-Z0-9]+(\\|[^>]*)?>");
    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{6,}");

    private PersonRefs() {
    }

    public static boolean isPerson(String arg) {
        return arg.startsWith("@") || MENTION.matcher(arg).matches() || USER_ID.matcher(arg).matches();
    }
}
