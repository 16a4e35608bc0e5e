package dev.tokenwise.slack;

import java.nio.file.Path;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.slack.api.Slack;

import dev.tokenwise.chat.ChatConfig;
import dev.tokenwise.chat.ChatPort;
import dev.tokenwise.chat.ConsoleChatAdapter;

/** Chooses the chat adapter once at start-up: Slack when SLACK_BOT_TOKEN is set, the console otherwise. */
public class ChatPortProducer {

    private static final Logger LOG = Logger.getLogger(ChatPortProducer.class);

    @Produces
    @Singleton
    ChatPort chatPort(SlackSettings settings, Slack slack, ChatConfig chat) {
        String filesDir = chat.filesDir();
        if (settings.hasBotToken()) {
            LOG.infof("Chat: Slack Web API at %s", settings.methodsUrlPrefix());
            return new SlackChatAdapter(slack, settings.botToken().orElseThrow(), settings.httpTimeout());
        }
        LOG.infof("Chat: console adapter (SLACK_BOT_TOKEN unset); messages are logged and kept in the outbox, "
                + "files written under %s", filesDir);
        return new ConsoleChatAdapter(Path.of(filesDir));
    }
}
