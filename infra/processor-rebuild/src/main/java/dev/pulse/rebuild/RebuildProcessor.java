package dev.pulse.rebuild;

import dev.pulse.processor.topology.PulseTopology;
import dev.pulse.schemas.kafka.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Utils;

/**
 * {@code ./pulse rebuild-processor}: rebuilds the stream processor's state from the log, so that no
 * operator deletes its consumer group or internal topics by hand. Kafka's application reset tool
 * ({@link KafkaResetTool}) moves the application's offsets on the topics its topology reads back to the
 * earliest and deletes its internal topics (changelogs, repartition topics); output topics stay, and the
 * processor re-emits into them when it starts again. It refuses while an instance runs, and can wipe
 * this host's local state ({@link LocalState}), which must not survive a rebuild.
 *
 * <p>Command line: see {@link RebuildArguments#USAGE}. Exit status 0 done (or planned, with
 * {@code --dry-run}), 2 refused with nothing changed, 1 error.
 */
public final class RebuildProcessor {

    public static final int EXIT_OK = 0;
    public static final int EXIT_ERROR = 1;
    public static final int EXIT_REFUSED = 2;

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;
    private final RebuildArguments args;
    private final PrintStream out;
    private final PrintStream err;

    private RebuildProcessor(Admin admin, RebuildArguments args, PrintStream out, PrintStream err) {
        this.admin = admin;
        this.args = args;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The command line, with its output streams given; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        RebuildArguments parsed;
        try {
            parsed = RebuildArguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(RebuildArguments.USAGE);
            return EXIT_ERROR;
        }
        if (parsed.help()) {
            out.println(RebuildArguments.USAGE);
            return EXIT_OK;
        }
        return run(parsed, out, err);
    }

    private static int run(RebuildArguments args, PrintStream out, PrintStream err) {
        try (Admin admin = Admin.create(clientConfig(args))) {
            return new RebuildProcessor(admin, args, out, err).rebuild();
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return EXIT_ERROR;
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            err.println("error: cannot reach " + args.bootstrapServers() + ": " + cause.getClass().getSimpleName()
                    + ": " + cause.getMessage() + ". Nothing was changed.");
            return EXIT_ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted");
            return EXIT_ERROR;
        }
    }

    private static Properties clientConfig(RebuildArguments args) throws IOException {
        Properties config = args.commandConfig() == null ? new Properties()
                : Utils.loadProps(args.commandConfig().toString());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args.bootstrapServers());
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        return config;
    }

    private int rebuild() throws ExecutionException, InterruptedException, TimeoutException, IOException {
        List<String> inputs = PulseTopology.inputTopics(Topics.withPrefix(args.topicPrefix()));
        List<String> refusals = refusals(inputs);
        if (!refusals.isEmpty()) {
            refusals.forEach(refusal -> err.println("refused: " + refusal));
            err.println("Nothing was changed.");
            return EXIT_REFUSED;
        }
        printPlan(inputs);
        KafkaResetTool.Outcome outcome = KafkaResetTool.reset(args, inputs);
        printToolOutput(outcome);
        if (!outcome.succeeded()) {
            return failed(outcome);
        }
        wipeLocalState();
        printNextSteps();
        return EXIT_OK;
    }

    private List<String> refusals(List<String> inputs)
            throws ExecutionException, InterruptedException, TimeoutException, IOException {
        List<String> refusals = new ArrayList<>(RebuildPreflight.refusals(admin, args.applicationId(), inputs));
        if (args.stateDir() != null) {
            new LocalState(args.stateDir(), args.applicationId()).refusal().ifPresent(refusals::add);
        }
        return refusals;
    }

    private void printPlan(List<String> inputs) {
        out.println((args.dryRun() ? "Dry run, nothing will change: rebuild" : "Rebuilding") + " stream processor '"
                + args.applicationId() + "' from the log on " + args.bootstrapServers());
        out.println("  replays from the earliest offset: " + String.join(", ", inputs));
        out.println("  deletes its internal topics (changelogs, repartition topics); keeps its output topics");
    }

    private void printToolOutput(KafkaResetTool.Outcome outcome) {
        if (!outcome.output().isEmpty()) {
            out.println("Kafka's application reset tool says:");
            outcome.output().forEach(line -> out.println("  " + line));
        }
    }

    private int failed(KafkaResetTool.Outcome outcome) {
        if (outcome.refusedWhileActive()) {
            err.println("refused: stream processor '" + args.applicationId() + "' is still running. Kafka's reset tool:");
            err.println("  " + outcome.conciseError().orElseThrow());
            err.println("Stop every instance, then run this again. A stopped instance stays a member until its session"
                    + " times out (session.timeout.ms, 45 s by default). Nothing was changed.");
            return EXIT_REFUSED;
        }
        err.println("error: Kafka's reset tool failed (exit status " + outcome.exitStatus() + "):");
        outcome.errors().forEach(line -> err.println("  " + line));
        err.println("The rebuild may be half done; it is safe to run again once the cause is fixed.");
        return EXIT_ERROR;
    }

    private void wipeLocalState() throws IOException {
        if (args.stateDir() == null) {
            return;
        }
        LocalState state = new LocalState(args.stateDir(), args.applicationId());
        if (!state.exists()) {
            out.println("No local state of '" + args.applicationId() + "' in " + args.stateDir());
        } else if (args.dryRun()) {
            out.println("Would wipe the local state in " + state.folder());
        } else {
            try {
                state.wipe();
            } catch (IOException e) {
                throw new IOException("the reset is done, but wiping " + state.folder() + " failed: " + e.getMessage(), e);
            }
            out.println("Wiped the local state in " + state.folder());
        }
    }

    private void printNextSteps() {
        if (args.dryRun()) {
            out.println("Dry run: nothing was changed.");
            return;
        }
        String folder = "<state.dir>/" + args.applicationId();
        out.println("Done. Before the stream processor starts again, every instance's local state must go"
                + " (an instance started on old state may apply the replay on top of it):");
        out.println(args.stateDir() == null
                ? "  delete " + folder + " on each host, or run this command there with --state-dir <state.dir>"
                : "  " + folder + " is wiped on this host; on every other host delete it, or run this command"
                        + " there with --state-dir (repeating the reset is harmless before any instance starts)");
        out.println("Then start it: it replays the log, recreates its internal topics and re-emits counts (same values),"
                + " trending and notifications (numbered again from seq 1).");
    }
}
