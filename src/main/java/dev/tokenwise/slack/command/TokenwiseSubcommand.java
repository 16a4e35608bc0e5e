package dev.tokenwise.slack.command;

/**
 * A {@code /tokenwise <name> …} subcommand. <b>Extension point:</b> to add one, write a {@code *Command} bean in
 * this package implementing this interface (a report about one team extends {@link TeamReportCommand}); the
 * feature gives records, a class of {@code slack.render} words them. {@link TokenwiseCommandListener} collects
 * every bean with {@code @All List<TokenwiseSubcommand>}, so the dispatcher never changes. Also add the name to
 * the usage hint in {@code manifest.yaml} (a test checks it).
 * <p>
 * What the dispatcher does for you, before {@link #answer} is called:
 * <ul>
 * <li>routes on the first word (case-insensitive) and lists your {@link #usage()} in {@code /tokenwise help};</li>
 * <li>refuses any argument that names a person ({@code @name}, {@code <@U…>}, a user id such as {@code U012ABC})
 * with the team-level policy, so {@link CommandInput#args()} never holds one;</li>
 * <li>runs {@link #answer} with a request context (inject services as usual) and answers
 * ephemerally within Slack's 3-second limit: if you are slower than {@code tokenwise.slack.answer-budget}, Slack
 * gets "working on it" and your answer follows through {@code response_url};</li>
 * <li>adds a "Share in channel" button when the answer is {@linkplain CommandAnswer#shareable shareable}: a
 * click calls {@link #answer} again with {@link CommandAnswer#shareArgs()} as the arguments and posts the
 * result in the channel through the outbox (kind {@code share}, once per message even on a double click);</li>
 * <li>turns an exception into an apology (and logs it).</li>
 * </ul>
 * Use {@link CommandArgs} to read {@code [team] [period]} arguments (team from the channel by default, periods of
 * docs/contract.md §9, helpful answers for unknown ones) and {@code common.Figures} to format figures
 * ({@code $30.00}, {@code 42 %}).
 * Never return a figure per person.
 */
public interface TokenwiseSubcommand {

    /** The first word, lower case, e.g. {@code cost-per-pr}. */
    String name();

    /** Syntax after {@code /tokenwise}, e.g. {@code cost-per-pr [team] [period]}. */
    String usage();

    /** One line for {@code /tokenwise help}. */
    String description();

    /** The answer; never null. Problems with the input are answers too ({@link CommandAnswer#text(String)}). */
    CommandAnswer answer(CommandInput input);
}
