package dev.lakejwt.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakejwt.core.config.Setting;
import dev.lakejwt.core.key.KeyLoader;
import dev.lakejwt.testkit.verify.LakeTokenVerifier;
import dev.lakejwt.testkit.verify.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code lakejwt verify}: checks a token's signature, audience and times against a public key with the
 * testkit's JDK-only verifier, and prints its decoded header and claims (PAT masked) and the verdict.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "Verify a Lake token with a public key: alg, signature, aud, exp, iat, lifetime and multi-use, as Lake "
                + "checks them (the user, PAT and organization live on Lake: they are decoded, checked for presence "
                + "and type; --kid and --org, or LAKE_KEY_ID and LAKE_ORG_ID, add checks of kid and org_id).",
            "Prints the decoded header and claims (the PAT masked) and the verdict; exit code 1 when rejected."})
final class VerifyCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    private LakeJwtCli cli;

    @Spec
    private CommandSpec spec;

    @Option(names = "--public-key", paramLabel = "FILE", required = true,
            description = "Public key PEM (BEGIN PUBLIC KEY, e.g. primary.pub.pem from 'lakejwt keygen') or a certificate.")
    private Path publicKey;

    @Option(names = "--kid", paramLabel = "KID",
            description = "Also require this kid in the header, the key's name in the Lake console (default: $LAKE_KEY_ID).")
    private String kid;

    @Option(names = "--org", paramLabel = "ORG", description = "Also require this org_id (default: $LAKE_ORG_ID).")
    private String org;

    @Parameters(paramLabel = "TOKEN",
            description = "The compact token, or - to read it from standard input (keeps it off the command line).")
    private String tokenArgument;

    @Override
    public Integer call() {
        String token = readToken();
        cli.secrets().add(token);
        PublicKey key = KeyLoader.loadPublicKey(publicKey);
        LakeTokenVerifier.Builder builder = LakeTokenVerifier.builder();
        String requiredKid = flagOrVariable(kid, Setting.KEY_ID);
        if (requiredKid != null) {
            builder.key(requiredKid, key);
        } else {
            builder.publicKey(key);
        }
        String requiredOrg = flagOrVariable(org, Setting.ORG_ID);
        if (requiredOrg != null) {
            builder.organization(requiredOrg);
        }
        Verdict verdict = builder.build().verify(token);
        verdict.token().flatMap(t -> t.pat()).ifPresent(cli.secrets()::add);

        PrintWriter out = spec.commandLine().getOut();
        if (verdict.token().isPresent()) {
            out.println("header");
            printMembers(verdict.header(), out);
            out.println("claims");
            printMembers(verdict.maskedClaims(), out);
        }
        String message = verdict.message().replaceFirst("^accepted: ", "");
        out.println("verdict: " + verdict.code() + ": " + cli.secrets().scrub(message));
        out.flush();
        if (verdict.rejected()) {
            spec.commandLine().getErr().println("lakejwt verify: token rejected: " + verdict.code() + " ("
                    + verdict.reason().orElseThrow().description().replace("`", "") + ")");
            return ExitCode.FAILURE;
        }
        return ExitCode.OK;
    }

    private String flagOrVariable(String flag, Setting setting) {
        String value = flag != null ? flag : cli.environment().get(setting.variable());
        return value == null || value.isBlank() ? null : value.trim();
    }

    private String readToken() {
        String text;
        if ("-".equals(tokenArgument)) {
            try {
                text = new String(cli.stdin().readAllBytes(), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw CliException.input("could not read the token from standard input: " + e.getClass().getSimpleName());
            }
        } else {
            text = tokenArgument;
        }
        String token = text.strip();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).strip();
        }
        if (token.isEmpty()) {
            throw CliException.input("no token given: pass it as the argument, or '-' and pipe it in "
                    + "(lakejwt token ... | lakejwt verify --public-key primary.pub.pem -)");
        }
        return token;
    }

    /** One member per line, aligned; times also as an instant and relative to now. */
    private static void printMembers(Map<String, Object> members, PrintWriter out) {
        int width = members.keySet().stream().mapToInt(String::length).max().orElse(0);
        long now = Instant.now().getEpochSecond();
        for (Map.Entry<String, Object> member : members.entrySet()) {
            String name = member.getKey();
            String value = json(member.getValue());
            if (("iat".equals(name) || "exp".equals(name)) && member.getValue() instanceof Number n) {
                value += "   (" + Instant.ofEpochSecond(n.longValue()) + ", " + relative(n.longValue() - now) + ")";
            }
            out.println("  " + name + " ".repeat(width - name.length()) + "  " + value);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    static String relative(long seconds) {
        Duration d = Duration.ofSeconds(Math.abs(seconds));
        List<String> parts = new ArrayList<>();
        if (d.toHours() > 0) {
            parts.add(d.toHours() + " h");
        }
        if (d.toMinutesPart() > 0) {
            parts.add(d.toMinutesPart() + " min");
        }
        if (parts.isEmpty() || (d.toHours() == 0 && d.toSecondsPart() > 0)) {
            parts.add(d.toSecondsPart() + " s");
        }
        String span = String.join(" ", parts);
        return seconds == 0 ? "now" : seconds > 0 ? "in " + span : span + " ago";
    }
}
