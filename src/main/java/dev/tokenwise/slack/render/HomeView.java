package dev.tokenwise.slack.render;

import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import java.util.List;

import com.slack.api.model.view.View;

/** The App Home tab: what the app does, the commands, the team-level policy. */
public final class HomeView {

    private HomeView() {
    }

    /** @param usageLines one line per {@code /tokenwise} subcommand, as {@code /tokenwise help} lists them */
    public static View home(String usageLines) {
        return View.builder().type("home").blocks(asBlocks(
                header(h -> h.text(plainText("Tokenwise"))),
                section(s -> s.text(markdownText("What your AI coding agents *cost*, next to what your team "
                        + "*delivers*. Weekly digests and alerts arrive in your team's channel."))),
                section(s -> s.text(markdownText("*Commands*\n" + usageLines))),
                context(c -> c.elements(List.of(markdownText(CommandMessages.POLICY)))))).build();
    }
}
