package dev.tokenwise.slack.render;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static dev.tokenwise.common.Figures.usd;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.slack.api.model.block.LayoutBlock;

import dev.tokenwise.common.Figures;
import dev.tokenwise.digest.Attention;
import dev.tokenwise.digest.DigestFormat;
import dev.tokenwise.scorecard.Scorecard;

/**
 * Routing advice (docs/contract.md §7.8) in words: the answer to {@code /tokenwise routing [team] [period]} and the
 * digest's "needs attention" line. Team figures per workflow only.
 */
public final class RoutingMessages {

    static final String DEFINITION = "Savings = premium-tier spend of routine workflows − the same tokens at the "
            + "target model's prices. Team-level figures only.";

    /**
     * The figures of one answer: {@code withheldReason} set when the period is withheld; {@code routing} null when
     * undefined (the target model has no price).
     */
    public record Report(String teamId, String timezone, String periodLabel, LocalDate from, LocalDate to,
            String withheldReason, Scorecard.Routing routing) {
    }

    private RoutingMessages() {
    }

    public static SlackMessage answer(Report r) {
        String title = "Routing advice · " + r.teamId() + " · " + r.periodLabel();
        String when = Figures.range(r.from(), r.to()) + " (" + r.timezone() + ")";
        LayoutBlock head = header(h -> h.text(plainText(DigestFormat.truncate(title, DigestMessages.MAX_HEADER))));
        String body;
        if (r.withheldReason() != null) {
            body = ":lock: " + r.withheldReason();
        } else if (r.routing() == null) {
            body = "No routing advice: the target model has no price. Set one with PUT /api/admin/prices/{model}.";
        } else {
            body = body(r.routing());
        }
        String text = title + " (" + when + ")\n" + body;
        return new SlackMessage(text, List.of(head, section(s -> s.text(markdownText(body))),
                context(c -> c.elements(List.of(markdownText(when + " · " + DEFINITION))))));
    }

    private static String body(Scorecard.Routing routing) {
        if (routing.byWorkflow().isEmpty()) {
            return "No routine workflows are set (`routine_workflows`), so there is no routing advice.";
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Scorecard.RoutingWorkflow> e : routing.byWorkflow().entrySet()) {
            Scorecard.RoutingWorkflow w = e.getValue();
            lines.add(e.getKey() + ": " + usd(w.premiumUsd()) + " on premium models · " + usd(w.atTargetUsd())
                    + " at " + routing.targetModel() + " prices · savings *" + usd(w.savingsUsd()) + "*");
        }
        String verdict = routing.savingsUsd().compareTo(routing.minSavingsUsd()) > 0
                ? "Routing these workflows to " + routing.targetModel() + " by default would have saved *"
                        + usd(routing.savingsUsd()) + "*."
                : "Savings of " + usd(routing.savingsUsd()) + " in all: not above the threshold of "
                        + usd(routing.minSavingsUsd()) + ", so the digest does not mention it.";
        return "• " + String.join("\n• ", lines) + "\n" + verdict;
    }

    /** The digest's "needs attention" line. */
    public static String attention(Attention.RoutingSavings r) {
        return "Routine work on premium models: " + String.join(", ", r.workflows()) + " would have cost "
                + usd(r.savingsUsd()) + " less at " + r.targetModel() + " prices (`/tokenwise routing`)";
    }
}
