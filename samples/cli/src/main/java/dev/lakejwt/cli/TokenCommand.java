package dev.lakejwt.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lakejwt token}: prints one signed Lake token, alone on stdout, so {@code $(lakejwt token …)} works. */
@Command(name = "token", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "Sign a Lake token and print it alone on stdout, e.g. TOKEN=$(lakejwt token --key primary.pem).",
            "Flags left out are read from the LAKE_* variables."})
final class TokenCommand implements Callable<Integer> {
    @ParentCommand
    private LakeJwtCli cli;

    @Spec
    private CommandSpec spec;

    @Mixin
    private SigningOptions signing;

    @Override
    public Integer call() {
        SigningOptions.Signing ready = signing.resolve(signing.config(cli.environment(), cli.secrets()),
                Clock.systemUTC());
        String token = ready.signToken();
        spec.commandLine().getOut().println(token);
        return ExitCode.OK;
    }
}
