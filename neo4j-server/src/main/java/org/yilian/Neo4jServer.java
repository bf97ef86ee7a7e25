package org.yilian;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingValueParsers;
import org.neo4j.configuration.connectors.BoltConnector;
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
import org.neo4j.server.security.SecureHasher;
import org.neo4j.server.security.SystemGraphCredential;
import org.neo4j.server.security.auth.CommunitySecurityModule;
import org.neo4j.server.security.auth.FileUserRepository;

/**
 * Minimal launcher for a real Neo4j Community 5.26 DBMS inside this JVM, reachable over Bolt.
 *
 * <pre>
 * java -Xmx1g -jar yilian-neo4j-server.jar --data-dir DIR [--port 7687] [--host 127.0.0.1]
 *      [--password PW | env YILIAN_NEO4J_PASSWORD] [--no-auth] [--page-cache 64m] [--tx-memory 256m]
 *      [--tx-max-memory 128m] [--tx-timeout 120s]
 *      [--conf-file neo4j.conf]
 * java -jar yilian-neo4j-server.jar --selftest [--data-dir DIR]
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
 */
public final class Neo4jServer {

    public static final String PASSWORD_ENV = "YILIAN_NEO4J_PASSWORD";
    private static final String USER = "neo4j";

    private Neo4jServer() {
    }

    public static void main(String[] args) {
        Map<String, String> opts;
        try {
            opts = parseArgs(args);
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
                           boolean auth, long startMillis) {
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
        System.out.println("READY bolt://" + s.host() + ":" + s.port());
        System.out.flush();
        stopped.await();
    }

    private static Started start(Map<String, String> opts) throws Exception {
        Path home = Paths.get(opts.get("data-dir")).toAbsolutePath().normalize();
        Files.createDirectories(home);
        String host = opts.getOrDefault("host", "127.0.0.1");
        int port = Integer.parseInt(opts.getOrDefault("port", "7687"));
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
            return new Started(dbms, db, home, host, port, auth, ms);
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
            ok = "cjk".equals(analyzer) && "山东大学第二医院".equals(hit);
            System.out.println("selftest: analyzer=" + analyzer + " query('第二医院') -> " + hit);
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

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static Map<String, String> parseArgs(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
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
                case "help", "no-auth", "selftest" -> opts.put(key, "true");
                case "data-dir", "port", "host", "password", "page-cache", "tx-memory", "tx-max-memory", "tx-timeout", "conf-file" -> {
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
        return "usage: java -Xmx1g -jar yilian-neo4j-server.jar --data-dir DIR [--port 7687] [--host 127.0.0.1]\n"
                + "         [--password PW (default: env " + PASSWORD_ENV + ")] [--no-auth] [--page-cache 64m]\n"
                + "         [--tx-memory 256m] [--tx-max-memory 128m] [--tx-timeout 120s] [--conf-file neo4j.conf]\n"
                + "       java -jar yilian-neo4j-server.jar --selftest [--data-dir DIR]";
    }
}
