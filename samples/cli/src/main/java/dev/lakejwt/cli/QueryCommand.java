package dev.lakejwt.cli;

import dev.lakejwt.core.LakeConnectionException;
import dev.lakejwt.core.client.LakeClient;
import dev.lakejwt.core.client.QueryOptions;
import dev.lakejwt.core.client.QueryResult;
import dev.lakejwt.core.client.StatementResult;
import dev.lakejwt.core.config.LakeConfig;
import dev.lakejwt.core.token.CachingTokenSource;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lakejwt query}: runs SQL on Query Service (Lake or the fake) and prints the result. */
@Command(name = "query", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "Run SQL on Lake's Query Service (or on a fake Lake) with a freshly signed token and print the result: "
                + "an aligned table by default, or JSON or CSV.",
            "Flags left out are read from the LAKE_* variables."})
final class QueryCommand implements Callable<Integer> {
    @ParentCommand
    private LakeJwtCli cli;

    @Spec
    private CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL",
            description = "Lake base URL, e.g. https://myorg.innovationlabs.teradata.com (default: $LAKE_URL).")
    private String url;

    @Option(names = "--system", paramLabel = "NAME", description = "Query Service system name (default: $LAKE_SYSTEM).")
    private String system;

    @Option(names = "--format", paramLabel = "table|json|csv", defaultValue = "table",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    private ResultPrinter.Format format;

    @Option(names = "--row-limit", paramLabel = "N", description = "Return at most N rows (Query Service rowLimit).")
    private Integer rowLimit;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for Lake's answer (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Mixin
    private SigningOptions signing;

    @Parameters(paramLabel = "SQL", description = "The SQL, quoted as one argument, e.g. 'SEL * FROM dbc.dbcinfo'.")
    private String sql;

    @Override
    public Integer call() {
        if (sql.isBlank()) {
            throw CliException.input("the SQL is empty: give it as one quoted argument, e.g. 'SEL * FROM dbc.dbcinfo'");
        }
        if (rowLimit != null && rowLimit < 1) {
            throw CliException.input("--row-limit " + rowLimit + " must be at least 1");
        }
        if (timeoutSeconds < 1) {
            throw CliException.input("--timeout " + timeoutSeconds + " must be at least 1 second");
        }
        LakeConfig config = signing.config(cli.environment(), cli.secrets(), url, system);
        URI lakeUrl = config.requireUrl();
        String lakeSystem = config.requireSystem();
        SigningOptions.Signing ready = signing.resolve(config, Clock.systemUTC());
        CachingTokenSource tokens = CachingTokenSource.builder()
                .signer(ready.signer())
                .key(ready.key())
                .credentials(ready.credentials())
                .assembler(ready.assembler())
                .build();
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        LakeClient lake = LakeClient.builder(lakeUrl, tokens)
                .connectTimeout(timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10))
                .requestTimeout(timeout)
                .build();
        QueryOptions.Builder options = QueryOptions.builder();
        if (rowLimit != null) {
            options.rowLimit(rowLimit);
        }
        QueryResult result;
        try {
            result = lake.query(lakeSystem, sql, options.build());
        } catch (LakeConnectionException e) {
            if (e.getCause() instanceof HttpTimeoutException && !(e.getCause() instanceof HttpConnectTimeoutException)) {
                throw CliException.failure("timed out: " + e.getMessage() + " (raise --timeout for long queries)", e);
            }
            throw e;
        }
        ResultPrinter.print(result, format, spec.commandLine().getOut());
        if (format == ResultPrinter.Format.csv) {
            for (StatementResult statement : result.results()) {
                if (statement.rowLimitExceeded()) {
                    spec.commandLine().getErr().println("lakejwt query: the row limit cut the result ("
                            + statement.rows().size() + " of " + statement.rowCount() + " rows): raise --row-limit");
                }
            }
        }
        return ExitCode.OK;
    }
}
