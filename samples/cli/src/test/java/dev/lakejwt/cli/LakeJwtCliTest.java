package dev.lakejwt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakejwt.core.config.Setting;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LakeJwtCliTest {
    @Test
    void helpListsEveryCommandTheExitCodesAndTheVariables() {
        Cli.Result run = Cli.run(Map.of(), "--help").succeeded();

        assertThat(run.out()).contains("Usage: lakejwt").contains("token").contains("query").contains("keygen")
                .contains("Exit codes:").contains("LAKE_PAT").contains("docs/cli.md");
        for (Setting setting : Setting.values()) {
            assertThat(run.out()).as("the help names " + setting.variable()).containsPattern(
                    "\\b" + setting.variable() + "\\b");
        }
    }

    @Test
    void everyCommandHasHelp() {
        var commands = LakeJwtCli.commandLine(Map.of()).getSubcommands().keySet();

        assertThat(commands).isNotEmpty();
        for (String command : commands) {
            Cli.Result run = Cli.run(Map.of(), command, "--help").succeeded();
            assertThat(run.out()).as(command).startsWith("Usage: lakejwt " + command).contains("Exit codes:")
                    .contains("--verbose");
        }
    }

    @Test
    void withoutACommandItShowsTheUsageAndExitsWithTwo() {
        Cli.Result run = Cli.run(Map.of());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("lakejwt: give a command").contains("Usage: lakejwt");
    }

    @Test
    void anUnknownCommandListsTheCommands() {
        String error = Cli.run(Map.of(), "tokn").failedWith(2);

        assertThat(error).contains("unknown command 'tokn'").contains("token, query");
    }

    @Test
    void versionNamesTheJava() {
        assertThat(Cli.run(Map.of(), "--version").succeeded().out()).startsWith("lakejwt ").contains("Java 17");
    }
}
