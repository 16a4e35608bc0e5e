package dev.tokenwise.slack.command;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.pulse.PulseService;
import dev.tokenwise.slack.render.PulseMessages;

/**
 * A click on one of the pulse's 1–5 buttons (docs/contract.md §9.9). The clicking user's id goes to
 * {@link PulseService#answer}, which hashes it at once; it is never logged here or stored.
 */
@ApplicationScoped
public class PulseActionHandler implements SlackActionHandler {

    private final PulseService pulses;

    public PulseActionHandler(PulseService pulses) {
        this.pulses = pulses;
    }

    @Override
    public Pattern actionIdPattern() {
        return PulseMessages.ACTION_ID;
    }

    @Override
    public ActionReply handle(ActionInput in) {
        PulseMessages.Click click = PulseMessages.click(in.actionId());
        String value = in.value() == null ? "" : in.value();
        int bar = value.indexOf('|');
        LocalDate week;
        try {
            week = bar < 0 ? null : LocalDate.parse(value.substring(bar + 1));
        } catch (DateTimeParseException e) {
            week = null;
        }
        if (week == null || in.userId() == null) {
            return ActionReply.ephemeral(PulseMessages.reply(PulseService.Answered.CLOSED, click));
        }
        PulseService.Answered a = pulses.answer(value.substring(0, bar), week, click.question(), click.score(),
                in.userId());
        return ActionReply.ephemeral(PulseMessages.reply(a, click));
    }
}
