package dev.lakejwt.testkit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.lakejwt.core.client.Column;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lake API behind the token check: Query Service (queries, spooled queries, sessions, systems)
 * and {@code /api/my-organization}. Holds the per-fake state of sessions and spooled queries.
 */
final class LakeApi {
    static final String QS = "/api/tdrest/systems";
    private static final Pattern DBC_INFO = Pattern.compile(
            "SEL(ECT)?\\s+\\*\\s+FROM\\s+\"?DBC\"?\\s*\\.\\s*\"?DBCINFO\"?", Pattern.CASE_INSENSITIVE);
    private static final Pattern OBJECT_NAME = Pattern.compile(
            "\\b(?:FROM|INTO|UPDATE|TABLE|JOIN)\\s+([\\w.\"$#]+)", Pattern.CASE_INSENSITIVE);
    private static final String[] PENDING_STATES = {"QUEUED", "PENDING", "SUBMITTED", "RESPONDING", "SPOOLING"};
    private static final CsvMapper CSV = new CsvMapper();
    private static final TypeReference<Map<String, Object>> BODY_TYPE = new TypeReference<>() { };

    private final FakeLake lake;
    private final Supplier<List<QueryHandler>> handlers;
    private final Clock clock;
    private final AtomicLong ids = new AtomicLong(7_392_000);
    private final Map<Long, Session> sessions = new ConcurrentHashMap<>();
    private final Map<Long, Spooled> spooled = new ConcurrentHashMap<>();

    LakeApi(FakeLake lake, Supplier<List<QueryHandler>> handlers, Clock clock) {
        this.lake = lake;
        this.handlers = handlers;
        this.clock = clock;
    }

    void reset() {
        sessions.clear();
        spooled.clear();
    }

    int openSessions() {
        return sessions.size();
    }

    /** Routes an authenticated request; {@code user} is the token's verified {@code sub}. */
    Reply handle(String method, String path, String body, String user) {
        String[] seg = segments(path);
        if (seg.length == 2 && seg[0].equals("api") && seg[1].equals("my-organization")) {
            return only(method, "GET", () -> organization());
        }
        if (seg.length < 3 || !seg[0].equals("api") || !seg[1].equals("tdrest") || !seg[2].equals("systems")) {
            return notFound(method, path);
        }
        if (seg.length == 3) {
            return only(method, "GET", this::systems);
        }
        String system = seg[3];
        if (!lake.systems().contains(system)) {
            return Reply.error(404, "404", "unknown system '" + system + "': this Lake has " + lake.systems()
                    + " (check LAKE_SYSTEM / --system)");
        }
        if (seg.length == 4) {
            return only(method, "GET", () -> Reply.json(200, systemJson(system)));
        }
        String collection = seg[4];
        if (collection.equals("queries")) {
            return queries(method, seg, system, body, user, path);
        }
        if (collection.equals("sessions")) {
            return sessions(method, seg, system, body, user, path);
        }
        return notFound(method, path);
    }

    private Reply queries(String method, String[] seg, String system, String body, String user, String path) {
        if (seg.length == 5) {
            return switch (method) {
                case "POST" -> submit(system, body, user);
                case "GET" -> Reply.json(200, spooled.values().stream()
                        .filter(q -> q.system.equals(system) && q.user.equals(user))
                        .sorted(Comparator.comparingLong(q -> q.id)).map(q -> q.status(false)).toList());
                default -> notAllowed(method, "GET, POST");
            };
        }
        Optional<Long> id = number(seg[5]);
        Spooled query = id.map(spooled::get).filter(q -> q.system.equals(system) && q.user.equals(user)).orElse(null);
        if (query == null || seg.length > 7 || seg.length == 7 && !seg[6].equals("results")) {
            return query == null && seg.length <= 7
                    ? Reply.error(404, "404", "no query " + seg[5] + " of user '" + user + "' on system '" + system + "'")
                    : notFound(method, path);
        }
        if (seg.length == 7) {
            return only(method, "GET", () -> query.ready() ? query.results()
                    : Reply.error(412, "412", "query " + query.id + " is not ready (state " + query.state(false)
                    + "): poll GET " + QS + "/" + system + "/queries/" + query.id + " until RESULT_SET_READY"));
        }
        return switch (method) {
            case "GET" -> Reply.json(200, query.status(true));
            case "DELETE" -> {
                spooled.remove(query.id);
                yield Reply.empty(204);
            }
            default -> notAllowed(method, "GET, DELETE");
        };
    }

    private Reply submit(String system, String body, String user) {
        ObjectNode request;
        try {
            request = requestObject(body, true);
        } catch (BadRequest e) {
            return e.reply;
        }
        JsonNode query = request.get("query");
        if (query == null || !query.isTextual() || query.textValue().isBlank()) {
            return Reply.error(400, "400", "the request body needs \"query\": a string of SQL, e.g. "
                    + "{\"query\":\"SEL * FROM dbc.dbcinfo\",\"logMech\":\"JWT\"}");
        }
        Options options;
        try {
            options = Options.of(request);
        } catch (BadRequest e) {
            return e.reply;
        }
        Long sessionId = null;
        JsonNode session = request.get("session");
        if (session != null && !session.isNull()) {
            if (!session.canConvertToLong() || !session.isIntegralNumber()) {
                return Reply.error(400, "400", "\"session\" must be a session id number from POST " + QS + "/"
                        + system + "/sessions");
            }
            sessionId = session.longValue();
            Session s = sessions.get(sessionId);
            if (s == null || !s.system.equals(system) || !s.user.equals(user)) {
                return Reply.error(404, "404", "no session " + sessionId + " of user '" + user + "' on system '"
                        + system + "': create one with POST " + QS + "/" + system + "/sessions");
            }
            s.queries.incrementAndGet();
        }
        List<String> statements = split(query.textValue());
        if (statements.isEmpty()) {
            return Reply.error(400, "400", "\"query\" holds no SQL statement");
        }
        if (options.format.equals("csv") && statements.size() > 1) {
            return Reply.error(400, "400", "format csv returns one result set: send one statement per request");
        }
        Map<String, Object> bodyMap = Reply.MAPPER.convertValue(request, BODY_TYPE);
        List<QueryAnswer> answers = new ArrayList<>(statements.size());
        for (String statement : statements) {
            QueryAnswer answer;
            try {
                answer = answer(new QueryRequest(system, statement, user, bodyMap));
            } catch (RuntimeException e) {
                return Reply.error(500, "500", "a QueryHandler registered by the test failed on this statement: "
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            }
            answers.add(answer);
            if (answer.isError()) {
                break;
            }
        }
        if (request.path("spooledResultSet").asBoolean(false)) {
            long id = ids.incrementAndGet();
            spooled.put(id, new Spooled(id, system, user, sessionId, query.textValue(), answers, options,
                    lake.spooledReadyAfterPolls()));
            return Reply.json(201, Map.of("id", id));
        }
        return render(answers, options);
    }

    /** Asks the handlers newest first, then the built-in answers. */
    QueryAnswer answer(QueryRequest request) {
        List<QueryHandler> list = handlers.get();
        for (int i = list.size() - 1; i >= 0; i--) {
            Optional<QueryAnswer> answer = list.get(i).answer(request);
            if (answer != null && answer.isPresent()) {
                return answer.get();
            }
        }
        if (DBC_INFO.matcher(request.statement()).matches()) {
            return QueryAnswer.dbcInfo();
        }
        Matcher m = OBJECT_NAME.matcher(request.statement());
        String name = m.find() ? m.group(1).replace("\"", "") : request.statement().split("\\s+")[0];
        return QueryAnswer.objectDoesNotExist(name);
    }

    private static Reply render(List<QueryAnswer> answers, Options options) {
        QueryAnswer last = answers.get(answers.size() - 1);
        if (last.isError()) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("error", last.errorCode());
            error.put("message", last.message());
            if (last.errorCode().equals("3807")) {
                error.put("fakeLakeHint", "the fake Lake knows only SEL * FROM dbc.dbcinfo; register other SQL with "
                        + "FakeLake.stubQuery(...)");
            }
            return Reply.json(last.status(), error);
        }
        if (options.format.equals("csv")) {
            return new Reply(200, "text/csv", csv(answers.get(0), options), Map.of());
        }
        List<Object> results = new ArrayList<>(answers.size());
        for (QueryAnswer a : answers) {
            results.add(result(a, options));
        }
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("queueDuration", 0);
        envelope.put("queryDuration", 1);
        envelope.put("results", results);
        return Reply.json(200, envelope);
    }

    private static Map<String, Object> result(QueryAnswer a, Options options) {
        Map<String, Object> r = new LinkedHashMap<>();
        if (a.kind() == QueryAnswer.Kind.COUNT) {
            r.put("resultSet", false);
            r.put("count", a.count());
            return r;
        }
        List<List<Object>> page = page(a.rows(), options);
        List<Object> data = new ArrayList<>(page.size());
        for (List<Object> row : page) {
            if (options.format.equals("array")) {
                data.add(row);
            } else {
                Map<String, Object> object = new LinkedHashMap<>();
                for (int i = 0; i < a.columns().size(); i++) {
                    object.put(a.columns().get(i).name(), row.get(i));
                }
                data.add(object);
            }
        }
        r.put("resultSet", true);
        r.put("data", data);
        r.put("rowCount", a.rows().size());
        r.put("rowLimitExceeded", options.rowOffset + page.size() < a.rows().size());
        if (options.includeColumns) {
            List<Object> columns = new ArrayList<>();
            for (Column c : a.columns()) {
                Map<String, Object> col = new LinkedHashMap<>();
                col.put("name", c.name());
                col.put("type", c.type());
                columns.add(col);
            }
            r.put("columns", columns);
        }
        return r;
    }

    private static List<List<Object>> page(List<List<Object>> rows, Options options) {
        int from = (int) Math.min(options.rowOffset, rows.size());
        long to = options.rowLimit == null ? rows.size() : Math.min(rows.size(), from + (long) options.rowLimit);
        return rows.subList(from, (int) to);
    }

    private static String csv(QueryAnswer a, Options options) {
        if (a.kind() == QueryAnswer.Kind.COUNT) {
            return "count\n" + a.count() + "\n";
        }
        StringWriter out = new StringWriter();
        try (var writer = CSV.writer(CsvSchema.emptySchema().withLineSeparator("\n")).writeValues(out)) {
            writer.write(a.columns().stream().map(Column::name).toArray());
            for (List<Object> row : page(a.rows(), options)) {
                writer.write(row.stream().map(v -> v == null ? "" : v).toArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private Reply sessions(String method, String[] seg, String system, String body, String user, String path) {
        if (seg.length == 5) {
            return switch (method) {
                case "POST" -> createSession(system, body, user);
                case "GET" -> Reply.json(200, sessions.values().stream()
                        .filter(s -> s.system.equals(system) && s.user.equals(user))
                        .sorted(Comparator.comparingLong(s -> s.id)).map(s -> s.json("IDLE")).toList());
                default -> notAllowed(method, "GET, POST");
            };
        }
        if (seg.length > 6) {
            return notFound(method, path);
        }
        Session session = number(seg[5]).map(sessions::get)
                .filter(s -> s.system.equals(system) && s.user.equals(user)).orElse(null);
        if (session == null) {
            return Reply.error(404, "404", "no session " + seg[5] + " of user '" + user + "' on system '" + system + "'");
        }
        return switch (method) {
            case "GET" -> Reply.json(200, session.json("IDLE"));
            case "DELETE" -> {
                sessions.remove(session.id);
                yield Reply.empty(204);
            }
            default -> notAllowed(method, "GET, DELETE");
        };
    }

    private Reply createSession(String system, String body, String user) {
        ObjectNode request;
        try {
            request = requestObject(body, false);
        } catch (BadRequest e) {
            return e.reply;
        }
        long id = ids.incrementAndGet();
        Session s = new Session(id, system, user, request.path("autoCommit").asBoolean(true),
                request.path("transactionMode").asText("TERA"), request.path("charSet").asText("UTF8"),
                request.hasNonNull("defaultDatabase") ? request.get("defaultDatabase").asText() : user,
                1000 + sessions.size() + 1);
        sessions.put(id, s);
        return Reply.json(201, s.json("LOGGINGON"));
    }

    private Reply organization() {
        Map<String, Object> org = new LinkedHashMap<>();
        org.put("id", lake.orgId());
        org.put("name", lake.orgName());
        org.put("region", "fake-local");
        return Reply.json(200, org);
    }

    private Reply systems() {
        return Reply.json(200, lake.systems().stream().map(LakeApi::systemJson).toList());
    }

    private static Map<String, Object> systemJson(String name) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("systemType", "TERADATA");
        s.put("dataSource", "fake-lake");
        return s;
    }

    private static ObjectNode requestObject(String body, boolean required) throws BadRequest {
        if (body == null || body.isBlank()) {
            if (required) {
                throw new BadRequest(Reply.error(400, "400", "the request has no body: send JSON such as "
                        + "{\"query\":\"SEL * FROM dbc.dbcinfo\",\"logMech\":\"JWT\"} with Content-Type: application/json"));
            }
            return Reply.MAPPER.createObjectNode();
        }
        JsonNode node;
        try {
            node = Reply.MAPPER.readTree(body);
        } catch (IOException e) {
            String detail = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            int cut = detail.indexOf(": was expecting");
            throw new BadRequest(Reply.error(400, "400", "the request body is not valid JSON ("
                    + (cut > 0 ? detail.substring(0, cut) : detail).replaceAll("'[^']*'", "'…'") + ")"));
        }
        if (node == null || !node.isObject()) {
            throw new BadRequest(Reply.error(400, "400", "the request body must be a JSON object"));
        }
        return (ObjectNode) node;
    }

    private static Reply only(String method, String allowed, Supplier<Reply> reply) {
        return method.equals(allowed) ? reply.get() : notAllowed(method, allowed);
    }

    private static Reply notAllowed(String method, String allowed) {
        return Reply.error(405, "405", "method " + method + " is not allowed here; use " + allowed)
                .withHeader("Allow", allowed);
    }

    private static Reply notFound(String method, String path) {
        return Reply.error(404, "404", "no Lake resource at " + method + " " + path + "; the fake serves "
                + "/api/my-organization and " + QS + "[/{system}/queries|/sessions]");
    }

    private static String[] segments(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty())
                .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8)).toArray(String[]::new);
    }

    private static Optional<Long> number(String s) {
        try {
            return Optional.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Splits SQL on {@code ;} outside quotes; blank statements are dropped. */
    static List<String> split(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == ';') {
                addStatement(out, current);
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        addStatement(out, current);
        return out;
    }

    private static void addStatement(List<String> out, StringBuilder statement) {
        String s = statement.toString().strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
    }

    /** The request options the fake honours. */
    private record Options(String format, boolean includeColumns, Integer rowLimit, long rowOffset) {
        static Options of(ObjectNode request) throws BadRequest {
            String format = "object";
            JsonNode f = request.get("format");
            if (f != null && !f.isNull()) {
                format = f.isTextual() ? f.textValue().toLowerCase(Locale.ROOT) : "";
                if (!List.of("object", "array", "csv").contains(format)) {
                    throw new BadRequest(Reply.error(400, "400", "\"format\" must be \"object\", \"array\" or \"csv\""));
                }
            }
            JsonNode ic = request.get("includeColumns");
            if (ic != null && !ic.isNull() && !ic.isBoolean()) {
                throw new BadRequest(Reply.error(400, "400", "\"includeColumns\" must be true or false"));
            }
            return new Options(format, ic != null && ic.asBoolean(false), count(request, "rowLimit"),
                    Optional.ofNullable(count(request, "rowOffset")).orElse(0));
        }

        private static Integer count(ObjectNode request, String name) throws BadRequest {
            JsonNode n = request.get(name);
            if (n == null || n.isNull()) {
                return null;
            }
            if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < 0) {
                throw new BadRequest(Reply.error(400, "400", "\"" + name + "\" must be a whole number >= 0"));
            }
            return n.intValue();
        }
    }

    /** A request rejected before any SQL ran. */
    private static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Reply reply;

        BadRequest(Reply reply) {
            super(null, null, false, false);
            this.reply = reply;
        }
    }

    /** An explicit session. */
    private static final class Session {
        final long id;
        final String system;
        final String user;
        final boolean autoCommit;
        final String transactionMode;
        final String charSet;
        final String defaultDatabase;
        final int tdSessionNo;
        final AtomicLong queries = new AtomicLong();

        Session(long id, String system, String user, boolean autoCommit, String transactionMode, String charSet,
                String defaultDatabase, int tdSessionNo) {
            this.id = id;
            this.system = system;
            this.user = user;
            this.autoCommit = autoCommit;
            this.transactionMode = transactionMode;
            this.charSet = charSet;
            this.defaultDatabase = defaultDatabase;
            this.tdSessionNo = tdSessionNo;
        }

        Map<String, Object> json(String state) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sessionId", id);
            m.put("system", system);
            m.put("user", user);
            m.put("tdSessionNo", tdSessionNo);
            m.put("createMode", "EXPLICIT");
            m.put("state", state);
            m.put("autoCommit", autoCommit);
            m.put("transactionMode", transactionMode);
            m.put("charSet", charSet);
            m.put("defaultDatabase", defaultDatabase);
            m.put("queryCount", queries.get());
            return m;
        }
    }

    /** A query submitted with {@code spooledResultSet: true}; ready after a number of status polls. */
    private static final class Spooled {
        final long id;
        final String system;
        final String user;
        final Long session;
        final String query;
        final List<QueryAnswer> answers;
        final Options options;
        final int readyAfterPolls;
        final AtomicLong polls = new AtomicLong();

        Spooled(long id, String system, String user, Long session, String query, List<QueryAnswer> answers,
                Options options, int readyAfterPolls) {
            this.id = id;
            this.system = system;
            this.user = user;
            this.session = session;
            this.query = query;
            this.answers = List.copyOf(answers);
            this.options = options;
            this.readyAfterPolls = readyAfterPolls;
        }

        boolean ready() {
            return polls.get() >= readyAfterPolls;
        }

        String state(boolean countPoll) {
            long seen = countPoll ? polls.getAndIncrement() : polls.get();
            if (seen >= readyAfterPolls) {
                return "RESULT_SET_READY";
            }
            return PENDING_STATES[(int) Math.min(seen, PENDING_STATES.length - 1)];
        }

        Map<String, Object> status(boolean countPoll) {
            String state = state(countPoll);
            QueryAnswer last = answers.get(answers.size() - 1);
            boolean done = state.equals("RESULT_SET_READY");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("queryId", id);
            m.put("query", query);
            m.put("batch", false);
            m.put("system", system);
            m.put("user", user);
            m.put("session", session);
            m.put("queryState", state);
            m.put("queueOrder", 0);
            m.put("queueDuration", 0);
            m.put("queryDuration", done ? 1 : 0);
            m.put("statusCode", done ? last.status() : null);
            m.put("resultSets", answers.stream().filter(a -> a.kind() == QueryAnswer.Kind.ROWS).count());
            m.put("counts", answers.stream().filter(a -> a.kind() == QueryAnswer.Kind.COUNT).map(QueryAnswer::count)
                    .toList());
            m.put("exceptions", done && last.isError()
                    ? List.of(Map.of("error", last.errorCode(), "message", last.message())) : List.of());
            m.put("outParams", List.of());
            return m;
        }

        Reply results() {
            return render(answers, options);
        }
    }
}
