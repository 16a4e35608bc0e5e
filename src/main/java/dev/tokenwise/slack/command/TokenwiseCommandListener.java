package dev.tokenwise.slack.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.block.LayoutBlock;

import dev.tokenwise.slack.SlackSettings;
import dev.tokenwise.slack.render.CommandMessages;
import io.quarkus.arc.All;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;

/**
 * The {@code /tokenwise} dispatcher: one Bolt listener that routes on the first word to a
 * {@link TokenwiseSubcommand} bean, and the runner of every {@link SlackActionHandler}. It owns the Slack rules
 * that every subcommand shares: ephemeral answers within 3 seconds (else "working on it" and the answer through
 * {@code response_url}), the "Share in channel" button, the refusal of questions about a person, {@code help}.
 */
@Singleton
public class TokenwiseCommandListener {

    /** action_id of the "Share in channel" button. */
    public static final String SHARE_ACTION = "tokenwise_share";

    private static final Logger LOG = Logger.getLogger(TokenwiseCommandListener.class);

    private final Map<String, TokenwiseSubcommand> subcommands = new TreeMap<>();
    private final SlackSettings settings;
    private final ExecutorService workers;

    public TokenwiseCommandListener(@All List<TokenwiseSubcommand> all, SlackSettings settings) {
        for (TokenwiseSubcommand s : all) {
            TokenwiseSubcommand previous = subcommands.put(s.name().toLowerCase(Locale.ROOT), s);
            if (previous != null) {
                throw new IllegalStateException("Two /tokenwise subcommands are named " + s.name());
            }
        }
        this.settings = settings;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "slack-answer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Names of the registered subcommands (plus the built-in {@code help}). */
    public List<String> names() {
        List<String> names = new ArrayList<>(subcommands.keySet());
        names.add(0, "help");
        return names;
    }

    /** One line per subcommand, for help and the App Home. */
    public String usageLines() {
        StringBuilder sb = new StringBuilder(CommandMessages.helpLine()).append('\n');
        subcommands.values().stream().sorted(Comparator.comparing(TokenwiseSubcommand::name))
                .forEach(s -> sb.append(CommandMessages.usageLine(s.usage(), s.description())).append('\n'));
        return sb.toString().trim();
    }

    // ------------------------------------------------------------------ slash command

    public Response handle(SlashCommandRequest req, SlashCommandContext ctx) {
        SlashCommandPayload p = req.getPayload();
        CommandInput modal = modalInput(p.getText(), p.getUserId(), p.getChannelId());
        if (modal != null) {
            ModalSubcommand sub = (ModalSubcommand) subcommands.get(modal.subcommand());
            workers.submit(() -> {
                try {
                    CommandAnswer instead = inRequestContext(
                            () -> sub.open(modal, p.getTriggerId(), p.getChannelName()));
                    if (instead != null) {
                        ctx.respond(ephemeral(instead));
                    }
                } catch (Exception e) {
                    LOG.errorf(e, "/tokenwise %s failed", modal.subcommand());
                    try {
                        ctx.respond(ephemeral(apology()));
                    } catch (Exception ex) {
                        LOG.debugf("response_url apology failed: %s", ex.getMessage());
                    }
                }
            });
            // Acknowledged at once and silently: the modal is the answer.
            return ctx.ack();
        }
        CompletableFuture<CommandAnswer> answer = CompletableFuture
                .supplyAsync(() -> inRequestContext(() -> answer(p.getText(), p.getUserId(), p.getChannelId())),
                        workers);
        try {
            CommandAnswer a = answer.get(settings.answerBudget().toMillis(), TimeUnit.MILLISECONDS);
            return ctx.ack(ephemeral(a));
        } catch (TimeoutException e) {
            // Slow: acknowledge now (Slack's limit is 3 s) and send the answer through response_url when ready.
            answer.thenAccept(a -> {
                try {
                    ctx.respond(ephemeral(a));
                } catch (Exception ex) {
                    LOG.warnf("Could not send a late /tokenwise answer: %s", ex.getMessage());
                }
            });
            return ctx.ack(SlashCommandResponse.builder().responseType("ephemeral")
                    .text(CommandMessages.WORKING_ON_IT).build());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ctx.ack(ephemeral(apology()));
        } catch (ExecutionException e) {
            return ctx.ack(ephemeral(apology()));
        }
    }

    /** The answer to {@code /tokenwise <text>} typed by {@code userId} in {@code channelId}. */
    public CommandAnswer answer(String text, String userId, String channelId) {
        try {
            List<String> words = text == null || text.isBlank() ? List.of()
                    : Arrays.asList(text.trim().split("\\s+"));
            if (words.isEmpty() || words.get(0).equalsIgnoreCase("help")) {
                return help(words.size() > 1 ? words.get(1) : null);
            }
            if (words.stream().anyMatch(PersonRefs::isPerson)) {
                return personRefusal();
            }
            String name = words.get(0).toLowerCase(Locale.ROOT);
            TokenwiseSubcommand sub = subcommands.get(name);
            if (sub == null) {
                return CommandAnswer.text(CommandMessages.unknownSubcommand(words.get(0), usageLines()));
            }
            CommandInput input = new CommandInput(name, List.copyOf(words.subList(1, words.size())), userId,
                    channelId, userId != null && settings.adminIds().contains(userId));
            CommandAnswer a = sub.answer(input);
            if (a == null) {
                return apology();
            }
            // The button replays "<name> <args>": prefix the subcommand's arguments with its name.
            return a.isShareable() ? new CommandAnswer(a.text(), a.blocks(), a.teamId(),
                    (name + " " + a.shareArgs()).trim()) : a;
        } catch (RuntimeException e) {
            LOG.errorf(e, "/tokenwise %s failed", text);
            return apology();
        }
    }

    /** The input of a {@link ModalSubcommand} invocation, or null for any other text (answered as usual). */
    private CommandInput modalInput(String text, String userId, String channelId) {
        List<String> words = text == null || text.isBlank() ? List.of() : Arrays.asList(text.trim().split("\\s+"));
        if (words.isEmpty() || words.stream().anyMatch(PersonRefs::isPerson)) {
            return null;
        }
        String name = words.get(0).toLowerCase(Locale.ROOT);
        if (!(subcommands.get(name) instanceof ModalSubcommand)) {
            return null;
        }
        return new CommandInput(name, List.copyOf(words.subList(1, words.size())), userId, channelId,
                userId != null && settings.adminIds().contains(userId));
    }

    public static CommandAnswer personRefusal() {
        return CommandAnswer.text(CommandMessages.personRefusal());
    }

    private CommandAnswer help(String about) {
        if (about != null && subcommands.containsKey(about.toLowerCase(Locale.ROOT))) {
            TokenwiseSubcommand s = subcommands.get(about.toLowerCase(Locale.ROOT));
            return CommandAnswer.text(CommandMessages.helpOf(s.usage(), s.description()));
        }
        return CommandAnswer.text(CommandMessages.help(usageLines(), NamedPeriod.NAMES));
    }

    private static CommandAnswer apology() {
        return CommandAnswer.text(CommandMessages.apology());
    }

    private static SlashCommandResponse ephemeral(CommandAnswer a) {
        return SlashCommandResponse.builder().responseType("ephemeral").text(a.text()).blocks(withShareButton(a))
                .build();
    }

    private static List<LayoutBlock> withShareButton(CommandAnswer a) {
        List<LayoutBlock> blocks = new ArrayList<>(a.blocks());
        if (a.isShareable()) {
            blocks.add(CommandMessages.shareButton(SHARE_ACTION, a.shareArgs()));
        }
        return blocks;
    }

    // ------------------------------------------------------------------ block actions

    public Response handleAction(SlackActionHandler handler, BlockActionRequest req, ActionContext ctx) {
        BlockActionPayload p = req.getPayload();
        BlockActionPayload.Action action = p.getActions() == null ? null
                : p.getActions().stream().filter(a -> handler.actionIdPattern().matcher(a.getActionId()).matches())
                        .findFirst().orElse(p.getActions().isEmpty() ? null : p.getActions().get(0));
        if (action == null) {
            return ctx.ack();
        }
        BlockActionPayload.Container c = p.getContainer();
        String channel = p.getChannel() != null ? p.getChannel().getId() : c != null ? c.getChannelId() : null;
        ActionInput input = new ActionInput(action.getActionId(), action.getValue(),
                p.getUser() == null ? null : p.getUser().getId(), channel,
                c == null ? null : c.getMessageTs(), c != null && c.isEphemeral(),
                p.getTriggerId(), p.getChannel() != null ? p.getChannel().getName() : null);
        ActionReply reply;
        try {
            reply = inRequestContext(() -> handler.handle(input));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Slack action %s failed", action.getActionId());
            reply = ActionReply.ephemeral(CommandMessages.actionApology());
        }
        if (reply != null && reply.text() != null && ctx.getResponseUrl() != null) {
            ActionReply r = reply;
            workers.submit(() -> {
                try {
                    ctx.respond(ActionResponse.builder().responseType("ephemeral").text(r.text())
                            .replaceOriginal(r.replaceOriginal()).build());
                } catch (Exception e) {
                    LOG.debugf("response_url reply failed: %s", e.getMessage());
                }
            });
        }
        return ctx.ack();
    }

    /** Runs work with an active CDI request context (Hibernate sessions, request-scoped beans) on any thread. */
    static <T> T inRequestContext(Supplier<T> work) {
        ManagedContext rc = Arc.container().requestContext();
        if (rc.isActive()) {
            return work.get();
        }
        rc.activate();
        try {
            return work.get();
        } finally {
            rc.terminate();
        }
    }

    @PreDestroy
    void close() {
        workers.shutdownNow();
    }
}
