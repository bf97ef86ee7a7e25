package org.yilian;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.neo4j.cli.AdminTool;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingValueParsers;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.config.Setting;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.kernel.impl.security.User;
import org.neo4j.kernel.internal.Version;
import org.neo4j.logging.NullLogProvider;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.server.configuration.ServerSettings;
import org.neo4j.server.security.SecureHasher;
import org.neo4j.server.security.SystemGraphCredential;
import org.neo4j.server.security.auth.CommunitySecurityModule;
import org.neo4j.server.security.auth.FileUserRepository;

/**
 * Minimal launcher for a real Neo4j Community 5.26 DBMS inside this JVM, reachable over Bolt and, with
 * {@code --http-port}, over HTTP: the server's own web server (Jetty) with the HTTP and Query APIs, the discovery
 * document at {@code /} and Neo4j Browser at {@code /browser/} (served from the neo4j-browser jar on the class path,
 * as the distribution serves it from lib/).
 *
 * <pre>
 * java -Xmx1g -jar yilian-neo4j-server.jar --data-dir DIR [--port 7687] [--http-port 7474] [--host 127.0.0.1]
 *      [--password PW | env YILIAN_NEO4J_PASSWORD] [--no-auth] [--page-cache 64m] [--tx-memory 256m]
 *      [--tx-max-memory 128m] [--tx-timeout 120s]
 *      [--conf-file neo4j.conf]
 * java -jar yilian-neo4j-server.jar --selftest [--data-dir DIR]
 * java -jar yilian-neo4j-server.jar --import --data-dir DIR [--conf-file neo4j.conf] -- IMPORT-OPTIONS...
 * </pre>
 *
 * DIR becomes the Neo4j home: the store lives in DIR/data, logs (debug.log, security.log, ...) in DIR/logs.
 * Any other Neo4j setting can be given in a neo4j.conf-style file with --conf-file (the explicit options win).
 *
 * <p>Authentication: when enabled (default) the password of user {@code neo4j} is
 * <ul>
 *   <li>on a fresh DIR (no system database yet): seeded through DIR/data/dbms/auth.ini, exactly what
 *       {@code neo4j-admin dbms set-initial-password} does, so the server never runs with the default password;</li>
 *   <li>on an existing DIR: checked against the stored credential and, if it differs, re-set with
 *       {@code ALTER USER neo4j SET PASSWORD ... CHANGE NOT REQUIRED}, so the password given on the command line
 *       is always the one that works.</li>
 * </ul>
 * Neo4j's minimum password length (8 by default) applies.
 *
 * <p>Prints {@code READY bolt://HOST:PORT} on stdout once Bolt accepts connections (or {@code FAILED ...} and exits 1);
 * on SIGTERM/SIGINT a shutdown hook stops the DBMS cleanly (checkpoint, store unlock) and prints {@code STOPPED}.
 *
 * <p>{@code --selftest} starts the DBMS (on DIR, or a temporary directory that is removed afterwards), checks that the
 * Lucene {@code cjk} full-text analyzer works, shuts down and exits 0/1. install.sh uses it as the training run for
 * a class-data-sharing archive, which roughly halves start-up time.
 *
 * <p>{@code --import} is neo4j-admin's {@code database import full} (the bulk importer, run in this JVM through
 * {@link AdminTool}) into the default database of DIR, with the options after {@code --} (--nodes=..., ...). It refuses
 * (prints {@code REFUSED ...}, exits 3) when that database already holds nodes, so it only ever fills an empty one;
 * the DBMS of DIR must not be running.
 */
public final class Neo4jServer {

    public static final String PASSWORD_ENV = "YILIAN_NEO4J_PASSWORD";
    private static final String USER = "neo4j";

    private Neo4jServer() {
    }

    public static void main(String[] args) {
        Map<String, String> opts;
        List<String> rest = new ArrayList<>();
        try {
            opts = parseArgs(args, rest);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        if (opts.containsKey("help")) {
            System.out.println(usage());
            return;
        }
        try {
            if (opts.containsKey("selftest")) {
                System.exit(selftest(opts) ? 0 : 1);
            }
            if (opts.containsKey("import")) {
                System.exit(importFull(opts, rest));
            }
            serve(opts);
        } catch (Throwable t) {
            System.out.println("FAILED " + t);
            System.out.flush();
            t.printStackTrace();
            // halt: do not run shutdown hooks against a half-built DBMS
            Runtime.getRuntime().halt(1);
        }
    }

    /** A started DBMS plus what is needed to talk about it. */
    private record Started(DatabaseManagementService dbms, GraphDatabaseService db, Path home, String host, int port,
                           int httpPort, boolean auth, long startMillis) {
    }

    private static void serve(Map<String, String> opts) throws Exception {
        if (!opts.containsKey("data-dir")) {
            throw new IllegalArgumentException("--data-dir is required");
        }
        Started s = start(opts);
        CountDownLatch stopped = new CountDownLatch(1);
        addShutdownHook(s.dbms(), stopped);
        System.out.println("Neo4j " + Version.getNeo4jVersion() + " started in " + s.startMillis() + " ms; home="
                + s.home() + " auth=" + (s.auth() ? "enabled" : "disabled") + " pid=" + ProcessHandle.current().pid());
        if (s.httpPort() > 0) {
            System.out.println("BROWSER http://" + s.host() + ":" + s.httpPort() + "/browser/");
        }
        System.out.println("READY bolt://" + s.host() + ":" + s.port());
        System.out.flush();
        stopped.await();
    }

    private static Started start(Map<String, String> opts) throws Exception {
        Path home = Paths.get(opts.get("data-dir")).toAbsolutePath().normalize();
        Files.createDirectories(home);
        String host = opts.getOrDefault("host", "127.0.0.1");
        int port = Integer.parseInt(opts.getOrDefault("port", "7687"));
        int httpPort = Integer.parseInt(opts.getOrDefault("http-port", "0"));
        boolean auth = !opts.containsKey("no-auth");
        String password = opts.containsKey("password") ? opts.get("password") : System.getenv(PASSWORD_ENV);
        if (auth && (password == null || password.isEmpty())) {
            throw new IllegalArgumentException(
                    "auth is enabled but no password was given (--password or env " + PASSWORD_ENV + "; or --no-auth)");
        }

        Map<Setting<?>, Object> settings = new LinkedHashMap<>();
        settings.put(BoltConnector.enabled, true);
        settings.put(BoltConnector.listen_address, new SocketAddress(host, port));
        settings.put(BoltConnector.advertised_address, new SocketAddress(host, port));
        settings.put(GraphDatabaseSettings.auth_enabled, auth);
        // keep a dev/test server light: small page cache (store files are memory-mapped through it) and a cap on
        // the memory all running transactions may use together
        settings.put(GraphDatabaseSettings.pagecache_memory,
                SettingValueParsers.BYTES.parse(opts.getOrDefault("page-cache", "64m")));
        settings.put(GraphDatabaseSettings.memory_transaction_global_max_size,
                SettingValueParsers.BYTES.parse(opts.getOrDefault("tx-memory", "256m")));
        // LOAD CSV must never read the server's files or fetch URLs on behalf of a client: file URLs are off and
        // every address is blocked for remote fetches (the API's plan check refuses LOAD CSV too; this is the second wall)
        settings.put(GraphDatabaseSettings.allow_file_urls, false);
        settings.put(GraphDatabaseInternalSettings.cypher_ip_blocklist,
                SettingValueParsers.listOf(SettingValueParsers.CIDR_IP).parse("0.0.0.0/0,::/0"));
        // a runaway read is ended by the server, not only abandoned by its client
        settings.put(GraphDatabaseSettings.transaction_timeout,
                SettingValueParsers.DURATION.parse(opts.getOrDefault("tx-timeout", "120s")));
        settings.put(GraphDatabaseSettings.memory_transaction_max_size,
                SettingValueParsers.BYTES.parse(opts.getOrDefault("tx-max-memory", "128m")));
        // HTTP only when asked for: the web server (Browser, HTTP and Query APIs) costs start-up time and a port
        settings.put(HttpConnector.enabled, httpPort > 0);
        if (httpPort > 0) {
            settings.put(HttpConnector.listen_address, new SocketAddress(host, httpPort));
            settings.put(HttpConnector.advertised_address, new SocketAddress(host, httpPort));
            // Browser: no usage telemetry, and `:play URL` guides only from this machine (default: also guides.neo4j.com)
            settings.put(ServerSettings.allow_telemetry, false);
            settings.put(ServerSettings.browser_remote_content_hostname_whitelist, "localhost,127.0.0.1");
        }
        // no usage-data reporting (there is no network besides loopback anyway)
        settings.put(GraphDatabaseSettings.udc_enabled, false);
        // Netty waits a 5 s "quiet period" per event-loop group on shutdown (10 s in total): not needed here
        settings.put(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0);

        Path confFile = opts.containsKey("conf-file") ? Paths.get(opts.get("conf-file")).toAbsolutePath() : null;

        // The configuration the DBMS will see, to locate the data directory and the initial auth store.
        Config.Builder cb = Config.newBuilder().set(GraphDatabaseSettings.neo4j_home, home);
        if (confFile != null) {
            cb.fromFile(confFile);
        }
        cb.set(settings);
        Config config = cb.build();
        Path dataDirectory = config.get(GraphDatabaseSettings.data_directory);
        boolean freshDbms = !Files.exists(dataDirectory.resolve("databases").resolve("system"));
        int minLength = config.get(GraphDatabaseSettings.auth_minimum_password_length);
        if (auth && password.codePointCount(0, password.length()) < minLength) {
            throw new IllegalArgumentException("the password must have at least " + minLength + " characters ("
                    + GraphDatabaseSettings.auth_minimum_password_length.name() + ")");
        }
        if (auth && freshDbms) {
            writeInitialPassword(CommunitySecurityModule.getInitialUserRepositoryFile(config), password);
        }

        long t0 = System.nanoTime();
        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
        if (confFile != null) {
            builder.loadPropertiesFromFile(confFile);
        }
        builder.setConfig(settings);
        DatabaseManagementService dbms = builder.build();
        try {
            if (auth && !freshDbms) {
                syncPassword(dbms, password);
            }
            // touch the default database so READY means "it answers", not just "port open"
            GraphDatabaseService db = dbms.database(config.get(GraphDatabaseSettings.initial_default_database));
            try (Transaction tx = db.beginTx()) {
                tx.commit();
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            return new Started(dbms, db, home, host, port, httpPort, auth, ms);
        } catch (Throwable t) {
            dbms.shutdown();
            throw t;
        }
    }

    private static void addShutdownHook(DatabaseManagementService dbms, CountDownLatch stopped) {
        AtomicBoolean done = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            try {
                dbms.shutdown();
                System.out.println("STOPPED");
            } catch (Throwable t) {
                System.out.println("STOP-FAILED " + t);
            } finally {
                System.out.flush();
                stopped.countDown();
            }
        }, "yilian-neo4j-shutdown"));
    }

    /** Equivalent of {@code neo4j-admin dbms set-initial-password}: only read on the very first start. */
    private static void writeInitialPassword(Path authFile, String password) throws Exception {
        Files.createDirectories(authFile.getParent());
        Files.deleteIfExists(authFile);
        FileUserRepository repo = new FileUserRepository(new DefaultFileSystemAbstraction(), authFile,
                NullLogProvider.getInstance(), EmptyMemoryTracker.INSTANCE);
        repo.start();
        SystemGraphCredential credential = SystemGraphCredential.createCredentialForPassword(
                password.getBytes(StandardCharsets.UTF_8), new SecureHasher());
        repo.create(new User(USER, null, credential, false, false));
        repo.shutdown();
    }

    /**
     * Make the given password the current one of user neo4j on an already-initialised DBMS. The stored credential
     * is checked first through the core API (cheap); Cypher's ALTER USER (a cold Cypher compile costs seconds on a
     * small machine) only runs when the password actually differs.
     */
    private static void syncPassword(DatabaseManagementService dbms, String password) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try (Transaction tx = system.beginTx()) {
            Node user = tx.findNode(Label.label("User"), "name", USER);
            if (user != null
                    && !Boolean.TRUE.equals(user.getProperty("passwordChangeRequired", Boolean.FALSE))
                    && user.getProperty("credentials", null) instanceof String serialized
                    && SystemGraphCredential.deserialize(serialized, new SecureHasher())
                            .matchesPassword(password.getBytes(StandardCharsets.UTF_8))) {
                return;
            }
        } catch (Exception e) {
            // could not read the stored credential: fall through to ALTER USER
        }
        try {
            system.executeTransactionally(
                    "ALTER USER " + USER + " SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("Old password and new password cannot be the same")) {
                throw e;
            }
        }
        System.out.println("password of user '" + USER + "' updated");
    }

    private static boolean selftest(Map<String, String> opts) throws Exception {
        Path tmp = null;
        if (!opts.containsKey("data-dir")) {
            tmp = Files.createTempDirectory("yilian-neo4j-selftest");
            opts.put("data-dir", tmp.toString());
        }
        if (!opts.containsKey("port")) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                opts.put("port", Integer.toString(socket.getLocalPort()));
            }
        }
        if (!opts.containsKey("http-port")) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                opts.put("http-port", Integer.toString(socket.getLocalPort()));
            }
        }
        if (!opts.containsKey("password") && System.getenv(PASSWORD_ENV) == null) {
            opts.put("password", "selftest-password");
        }
        Started s = start(opts);
        boolean ok = false;
        try {
            System.out.println("Neo4j " + Version.getNeo4jVersion() + " started in " + s.startMillis() + " ms");
            GraphDatabaseService db = s.db();
            db.executeTransactionally("CREATE (:YilianSelfTest {name: '山东大学第二医院'}), "
                    + "(:YilianSelfTest {name: '北京协和医院'})");
            db.executeTransactionally("CREATE FULLTEXT INDEX yilian_selftest_cjk IF NOT EXISTS "
                    + "FOR (n:YilianSelfTest) ON EACH [n.name] "
                    + "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}");
            db.executeTransactionally("CALL db.awaitIndexes(120)");
            String analyzer = db.executeTransactionally(
                    "SHOW FULLTEXT INDEXES YIELD name, options WHERE name = 'yilian_selftest_cjk' "
                            + "RETURN options.indexConfig.`fulltext.analyzer` AS a",
                    Map.of(), r -> r.hasNext() ? String.valueOf(r.next().get("a")) : null);
            String hit = db.executeTransactionally(
                    "CALL db.index.fulltext.queryNodes('yilian_selftest_cjk', '第二医院') YIELD node "
                            + "RETURN node.name AS name LIMIT 1",
                    Map.of(), r -> r.hasNext() ? String.valueOf(r.next().get("name")) : null);
            db.executeTransactionally("DROP INDEX yilian_selftest_cjk");
            db.executeTransactionally("MATCH (n:YilianSelfTest) DELETE n");
            boolean browser = browserServed(s);
            ok = "cjk".equals(analyzer) && "山东大学第二医院".equals(hit) && browser;
            System.out.println("selftest: analyzer=" + analyzer + " query('第二医院') -> " + hit
                    + "; Neo4j Browser served: " + browser);
            System.out.println(ok ? "SELFTEST OK" : "SELFTEST FAILED");
        } finally {
            s.dbms().shutdown();
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
        System.out.flush();
        return ok;
    }

    /** GET /browser/ answers with Neo4j Browser's page (the jar is on the class path and the module is on). */
    private static boolean browserServed(Started s) {
        if (s.httpPort() <= 0) {
            return true;
        }
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(
                    "http://" + s.host() + ":" + s.httpPort() + "/browser/").toURL().openConnection();
            c.setConnectTimeout(10_000);
            c.setReadTimeout(10_000);
            try (InputStream in = c.getInputStream()) {
                String page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return c.getResponseCode() == 200 && page.contains("Neo4j Browser");
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            System.out.println("selftest: GET /browser/ failed: " + e);
            return false;
        }
    }

    /**
     * neo4j-admin database import full into DIR's default database, refusing one that holds nodes. Counting them
     * needs the DBMS up for a moment (without connectors): the store files alone do not tell an empty database from
     * a full one.
     */
    private static int importFull(Map<String, String> opts, List<String> importArgs) throws Exception {
        if (!opts.containsKey("data-dir")) {
            throw new IllegalArgumentException("--data-dir is required");
        }
        Path home = Paths.get(opts.get("data-dir")).toAbsolutePath().normalize();
        Files.createDirectories(home.resolve("logs"));
        Path confFile = opts.containsKey("conf-file") ? Paths.get(opts.get("conf-file")).toAbsolutePath() : null;
        Config.Builder cb = Config.newBuilder().set(GraphDatabaseSettings.neo4j_home, home);
        if (confFile != null) {
            cb.fromFile(confFile);
        }
        Config config = cb.build();
        String database = config.get(GraphDatabaseSettings.initial_default_database);
        Path databaseDir = config.get(GraphDatabaseSettings.data_directory).resolve("databases").resolve(database);
        if (Files.exists(databaseDir)) {
            long nodes = countNodes(home, confFile, database);
            if (nodes > 0) {
                System.out.println("REFUSED database '" + database + "' in " + home + " already holds " + nodes
                        + " nodes; the bulk importer only fills an empty database");
                System.out.flush();
                return 3;
            }
        }
        // the database name first: --nodes/--relationships take several values and would swallow it
        List<String> args = new ArrayList<>(List.of("database", "import", "full", database,
                // an existing database here is an empty one (checked above), e.g. made by a first server start
                "--overwrite-destination",
                "--report-file=" + home.resolve("logs").resolve("import.report")));
        if (confFile != null) {
            args.add("--additional-config=" + confFile);
        }
        args.addAll(importArgs);
        int code = AdminTool.execute(new ExecutionContext(home, home.resolve("conf")), args.toArray(String[]::new));
        System.out.println(code == 0 ? "IMPORTED into '" + database + "' in " + home : "IMPORT-FAILED exit " + code);
        System.out.flush();
        return code;
    }

    private static long countNodes(Path home, Path confFile, String database) {
        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
        if (confFile != null) {
            builder.loadPropertiesFromFile(confFile);
        }
        builder.setConfig(BoltConnector.enabled, false).setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, SettingValueParsers.BYTES.parse("32m"))
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0);
        DatabaseManagementService dbms = builder.build();
        try {
            // yilian's own schema-version node is bookkeeping, not data
            return dbms.database(database).executeTransactionally(
                    "MATCH (n) WHERE NOT n:YilianSchema RETURN count(n) AS n", Map.of(),
                    r -> ((Number) r.next().get("n")).longValue());
        } finally {
            dbms.shutdown();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Options into a map; whatever follows a bare {@code --} into {@code rest} (passed on to neo4j-admin). */
    private static Map<String, String> parseArgs(String[] args, List<String> rest) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                rest.addAll(List.of(args).subList(i + 1, args.length));
                break;
            }
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + a);
            }
            String key = a.substring(2);
            String value = null;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            }
            switch (key) {
                case "help", "no-auth", "selftest", "import" -> opts.put(key, "true");
                case "data-dir", "port", "http-port", "host", "password", "page-cache", "tx-memory", "tx-max-memory", "tx-timeout", "conf-file" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("missing value for --" + key);
                        }
                        value = args[++i];
                    }
                    opts.put(key, value);
                }
                default -> throw new IllegalArgumentException("unknown option --" + key);
            }
        }
        return opts;
    }

    private static String usage() {
        return "usage: java -Xmx1g -jar yilian-neo4j-server.jar --data-dir DIR [--port 7687] [--http-port 7474]\n"
                + "         [--host 127.0.0.1] [--password PW (default: env " + PASSWORD_ENV + ")] [--no-auth]\n"
                + "         [--page-cache 64m] [--tx-memory 256m] [--tx-max-memory 128m] [--tx-timeout 120s]\n"
                + "         [--conf-file neo4j.conf]\n"
                + "       java -jar yilian-neo4j-server.jar --selftest [--data-dir DIR]\n"
                + "       java -jar yilian-neo4j-server.jar --import --data-dir DIR [--conf-file F] -- --nodes=... ...";
    }
}
