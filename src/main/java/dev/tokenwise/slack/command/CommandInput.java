package dev.tokenwise.slack.command;

import java.util.List;

/**
 * A parsed {@code /tokenwise} invocation.
 *
 * @param subcommand the first word, lower case
 * @param args the words after it (Slack escapes kept as typed, e.g. {@code <#C123|payments>}); never a person
 * @param userId who typed it (Slack user id): for permission checks only, never to select figures
 * @param channelId where it was typed; the default team is the team whose channel this is
 * @param admin true when {@code userId} is listed in TOKENWISE_ADMINS
 */
public record CommandInput(String subcommand, List<String> args, String userId, String channelId, boolean admin) {
}
