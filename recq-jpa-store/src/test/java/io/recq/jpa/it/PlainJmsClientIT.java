package io.recq.jpa.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.recq.jpa.plain.PlainJmsClient;

/**
 * A program that does not use RECQ drives a RECQ service through the documented wire format
 * ({@code docs/wire-format.md}): {@link PlainJmsClient} runs in a JVM of its own whose class path holds the
 * Jakarta Messaging API and the Artemis client, and no RECQ class. It opens an account and deposits into it
 * (replies with the events), reads the stored events from the event topic, asks the balance, and sends a
 * command of another shape, which is refused with the reason.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup({ DefaultDataSourceSetup.class, OpenMessagingSetup.class })
class PlainJmsClientIT {

    private static final String SERVICE = "plain-ledger";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return StoreArchives.war(SERVICE, AccountsApi.class, AccountsDomain.class, AccountsViews.class)
                .addClasses(AccountsApi.class.getDeclaredClasses())
                .addClasses(AccountsDomain.class.getDeclaredClasses())
                .addClasses(AccountsViews.class.getDeclaredClasses())
                .addAsResource(new StringAsset("recq.jms.event-topic-content=events\n"),
                        "META-INF/microprofile-config.properties");
    }

    @Test
    @RunAsClient
    void sendsCommandsAndQueriesAndReadsEventsWithoutRecq() throws Exception {
        // given
        String account = "plain-" + UUID.randomUUID();
        List<String> classPath = clientClassPath();

        // when
        Map<String, String> printed = run(classPath, OpenMessagingSetup.BROKER_URL, SERVICE, account);

        // then: the commands' replies carry the events, read from the event topic too, in order
        assertThat(classPath).noneMatch(entry -> entry.contains("recq-") || entry.contains("target/classes"));
        assertThat(printed.get("open")).startsWith("ok WalletOpened null ")
                .contains("\"aggregateId\":\"" + account + "\"", "\"owner\":\"plain\"");
        assertThat(printed.get("deposit")).startsWith("ok ToppedUp null ").contains("\"balance\":25");
        String[] events = printed.get("events").split(" \\| ");
        assertThat(events).hasSize(2);
        assertThat(events[0]).startsWith("WalletOpened@");
        assertThat(events[1]).startsWith("ToppedUp@").contains("\"amount\":25");
        assertThat(sequence(events[1])).isGreaterThan(sequence(events[0]));
        assertThat(printed.get("query")).contains("\"balance\":25", "\"owner\":\"plain\"");
        assertThat(printed.get("refused")).startsWith("failed null RECQ-01003 ").contains("currency");
    }

    /**
     * @return the Jakarta Messaging API, the Artemis client and what it needs, from this test's class path, and a
     *         directory holding only the client's class
     */
    private static List<String> clientClassPath() throws IOException, URISyntaxException {
        List<String> entries = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> {
                    String name = Path.of(entry).getFileName().toString();
                    return name.endsWith(".jar") && (name.startsWith("artemis-") || name.startsWith("jakarta.jms-api")
                            || name.startsWith("netty-") || name.startsWith("commons-") || name.startsWith("slf4j-api")
                            || name.startsWith("jctools"));
                })
                .collect(Collectors.toCollection(ArrayList::new));
        String resource = PlainJmsClient.class.getName().replace('.', '/') + ".class";
        Path compiled = Path.of(PlainJmsClient.class.getClassLoader().getResource(resource).toURI());
        Path directory = Files.createTempDirectory("plain-jms-client");
        Path copy = directory.resolve(resource);
        Files.createDirectories(copy.getParent());
        Files.copy(compiled, copy);
        entries.add(directory.toString());
        return entries;
    }

    private static Map<String, String> run(List<String> classPath, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", String.join(File.pathSeparator, classPath), PlainJmsClient.class.getName()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (var in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        Map<String, String> printed = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0 && !line.startsWith(" ") && !line.contains(" at ")) {
                printed.putIfAbsent(line.substring(0, equals), line.substring(equals + 1).strip());
            }
        }
        assertThat(printed).as(output).containsKeys("open", "deposit", "events", "query", "refused");
        return printed;
    }

    private static long sequence(String event) {
        return Long.parseLong(event.substring(event.indexOf('@') + 1, event.indexOf(':')));
    }
}
