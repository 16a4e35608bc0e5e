package dev.tokenwise.slack.setup;

import jakarta.inject.Singleton;

import dev.tokenwise.slack.command.CommandAnswer;
import dev.tokenwise.slack.command.CommandInput;
import dev.tokenwise.slack.command.ModalSubcommand;

/**
 * {@code /tokenwise admin [team]}: admins only, opens the set-up form of the team of this channel (or of the team
 * named), docs/contract.md §4.1. The dispatcher has acknowledged Slack before {@link #open} runs.
 */
@Singleton
public class AdminCommand implements ModalSubcommand {

    private final TeamSetupOpener opener;

    AdminCommand(TeamSetupOpener opener) {
        this.opener = opener;
    }

    @Override
    public String name() {
        return "admin";
    }

    @Override
    public String usage() {
        return "admin [team]";
    }

    @Override
    public String description() {
        return "admins only: set up the team of this channel in a form (channels, schedule, budgets, repositories)";
    }

    @Override
    public CommandAnswer answer(CommandInput in) {
        return CommandAnswer.text("Type `/tokenwise admin [team]` to open the set-up form.");
    }

    @Override
    public CommandAnswer open(CommandInput in, String triggerId, String channelName) {
        if (in.args().size() > 1) {
            return CommandAnswer.text("Usage: `/tokenwise " + usage() + "`.");
        }
        String team = in.args().isEmpty() ? null : in.args().get(0);
        String instead = opener.open(in.userId(), team, in.channelId(), channelName, triggerId);
        return instead == null ? null : CommandAnswer.text(instead);
    }
}
