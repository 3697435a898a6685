package dev.lakejwt.cli;

import dev.lakejwt.core.LakeApiException;
import dev.lakejwt.core.claims.LakeClaims;
import dev.lakejwt.core.client.LakeClient;
import dev.lakejwt.core.client.QueryResult;
import dev.lakejwt.core.sign.JwtSigner;
import dev.lakejwt.core.sign.JwtSigners;
import dev.lakejwt.core.token.TokenSource;
import dev.lakejwt.testkit.FakeLake;
import dev.lakejwt.testkit.JournalEntry;
import dev.lakejwt.testkit.LakeIdentity;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code lakejwt demo}: the quickstart flow on an embedded fake Lake with a temporary key pair and PAT,
 * once per signer on the class path, then a negative case (an expired token) with the fake's reason.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {
            "Run the whole Lake flow on an embedded fake Lake (127.0.0.1, no network, no credentials): generate a key "
                + "pair and a PAT, then with every signer on the class path sign a token, call Query Service with "
                + "SEL * FROM dbc.dbcinfo and show the fake's verdict; finally send an expired token and show why "
                + "it is refused.",
            "Exits with 1 if any signer's token is refused or the expired one is accepted."})
final class DemoCommand implements Callable<Integer> {
    static final String SQL = "SEL * FROM dbc.dbcinfo";
    static final String USER = "demo_user";

    @ParentCommand
    private LakeJwtCli cli;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (FakeLake lake = FakeLake.start()) {
            LakeIdentity identity = lake.newIdentity(USER);
            cli.secrets().add(identity.pat());
            out.println("fake Lake at " + lake.baseUrl() + ": org_id " + lake.orgId() + ", system "
                    + lake.defaultSystem());
            out.println("user " + USER + ": a new " + identity.algorithm() + " key pair (kid '" + identity.keyId()
                    + "') and a PAT, registered with the fake");
            out.println();

            List<Row> rows = new ArrayList<>();
            QueryResult dbcInfo = null;
            String dbcInfoSigner = null;
            for (String name : JwtSigners.available()) {
                Outcome outcome = runWith(lake, identity, JwtSigners.named(name));
                rows.add(new Row(name, outcome));
                if (dbcInfo == null && outcome.result != null) {
                    dbcInfo = outcome.result;
                    dbcInfoSigner = name;
                }
            }
            List<List<Object>> table = new ArrayList<>();
            for (Row row : rows) {
                table.add(List.of(row.signer, (long) row.outcome.tokenLength, row.outcome.verdict,
                        row.outcome.result == null ? "-" : (Object) (long) row.outcome.result.first().rows().size()));
            }
            ResultPrinter.table(List.of("signer", "token bytes", "verdict", "rows"), table, out);

            if (dbcInfo != null) {
                out.println();
                out.println(SQL + "   (the answer to " + dbcInfoSigner + "'s token)");
                ResultPrinter.table(dbcInfo, out);
            }

            out.println();
            out.println("negative case: a token that expired an hour ago (signer jdk)");
            boolean expiredRefused = expiredTokenIsRefused(lake, identity, out);

            long accepted = rows.stream().filter(r -> r.outcome.accepted()).count();
            out.println();
            boolean ok = accepted == rows.size() && expiredRefused;
            List<String> names = rows.stream().map(Row::signer).toList();
            out.println(ok
                    ? "ok: every signer's token was accepted (" + String.join(", ", names)
                            + "), and the expired token was refused."
                    : "FAILED: " + accepted + " of " + rows.size() + " signers' tokens were accepted"
                            + (expiredRefused ? "" : ", and the expired token was not refused") + ".");
            out.flush();
            if (!ok) {
                spec.commandLine().getErr().println("lakejwt demo: the fake Lake did not answer as expected (see above)");
            }
            return ok ? ExitCode.OK : ExitCode.FAILURE;
        }
    }

    private static Outcome runWith(FakeLake lake, LakeIdentity identity, JwtSigner signer) {
        TokenSource tokens = identity.tokenSource(signer);
        int tokenLength;
        try {
            tokenLength = tokens.token().length();
        } catch (RuntimeException e) {
            return new Outcome(0, "SIGNING FAILED", null);
        }
        LakeClient client = LakeClient.builder(lake.baseUrl(), tokens).httpClient(lake.httpClient())
                .requestTimeout(Duration.ofSeconds(30)).build();
        int requestsBefore = lake.journal().size();
        QueryResult result;
        try {
            result = client.query(lake.defaultSystem(), SQL);
        } catch (LakeApiException e) {
            result = null;
        }
        String verdict = lake.journal().size() > requestsBefore ? lake.journal().last().verdict().code() : "NO ANSWER";
        return new Outcome(tokenLength, verdict, result);
    }

    private boolean expiredTokenIsRefused(FakeLake lake, LakeIdentity identity, PrintWriter out) {
        long now = lake.clock().instant().getEpochSecond();
        LakeClaims expired = identity.claimsBuilder().issuedAt(now - 7200).expiresAt(now - 3600).build();
        String token = identity.sign(expired);
        LakeClient client = LakeClient.builder(lake.baseUrl(), new FixedToken(token)).httpClient(lake.httpClient())
                .requestTimeout(Duration.ofSeconds(30)).build();
        try {
            client.query(lake.defaultSystem(), SQL);
            out.println("the fake Lake ACCEPTED it, which it must not");
            return false;
        } catch (LakeApiException e) {
            out.println("the fake Lake answered " + e.status() + ": "
                    + cli.secrets().scrub(e.lakeMessage().orElse(e.getMessage())));
            JournalEntry last = lake.journal().last();
            out.println("verdict: " + last.verdict().code());
            return e.status() == 401 && last.verdict().rejected();
        }
    }

    /** What one signer's token got from the fake. */
    private record Outcome(int tokenLength, String verdict, QueryResult result) {
        boolean accepted() {
            return "ACCEPTED".equals(verdict) && result != null;
        }
    }

    private record Row(String signer, Outcome outcome) {
    }

    /** Always the same token: the negative case must not be "fixed" by the client's re-signing after 401. */
    private record FixedToken(String token) implements TokenSource {
        @Override
        public void invalidate() {
            // Nothing to drop: this source never signs.
        }
    }
}
