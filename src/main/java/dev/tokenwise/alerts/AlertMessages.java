package dev.tokenwise.alerts;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.Gson;
import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;

import dev.tokenwise.chat.ChatMessage;

/** Block Kit for alerts and command answers, built with the Slack SDK's model and serialised as Slack expects. */
public final class AlertMessages {

    /** action_id of the "Snooze 1 day" button. */
    public static final String SNOOZE_1D = "tokenwise_snooze_1d";
    /** action_id of the "Snooze 1 week" button. */
    public static final String SNOOZE_1W = "tokenwise_snooze_1w";

    private static final Gson GSON = GsonFactory.createSnakeCase();

    private AlertMessages() {
    }

    /** An alert: its text and, when {@code snoozeValue} is given, the two snooze buttons. */
    public static ChatMessage alert(String channel, String text, String snoozeValue) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(text))));
        if (snoozeValue != null) {
            blocks.add(actions(a -> a.blockId("tokenwise_alert_actions").elements(List.of(
                    button(b -> b.actionId(SNOOZE_1D).text(plainText("Snooze 1 day")).value(snoozeValue)),
                    button(b -> b.actionId(SNOOZE_1W).text(plainText("Snooze 1 week")).value(snoozeValue))))));
        }
        return new ChatMessage(channel, text, GSON.toJson(blocks));
    }

    /** The alert after a snooze: the same text, no buttons, and who snoozed it until when. */
    public static ChatMessage snoozed(String channel, String text, String note) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(text))));
        List<ContextBlockElement> elements = List.of(markdownText(note));
        blocks.add(context(c -> c.elements(elements)));
        return new ChatMessage(channel, text + "\n" + note, GSON.toJson(blocks));
    }

    /** A command answer: one section per paragraph (channel left null: the command wiring decides). */
    public static ChatMessage answer(List<String> paragraphs) {
        List<LayoutBlock> blocks = new ArrayList<>();
        for (String p : paragraphs) {
            blocks.add(section(s -> s.text(markdownText(p))));
        }
        return new ChatMessage(null, String.join("\n\n", paragraphs), GSON.toJson(blocks));
    }
}
