package dev.loupe.index.solr;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real SolrCloud for tests: ZooKeeper plus {@code nodes} Solr nodes, started by loupe-solr-cluster's
 * {@code TestCluster} in a JVM of its own (Solr's Lucene 9 never meets Loupe's Lucene 10). The cluster module must
 * have been packaged (the reactor does it before these tests); its folder comes from the {@code loupe.solr.cluster}
 * system property.
 */
public final class SolrTestCluster implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static SolrTestCluster shared;

    private final Process process;
    private final PrintWriter commands;
    private final BufferedReader replies;
    private final String zkAddress;
    private final List<String> nodeUrls;

    private SolrTestCluster(int nodes) throws IOException {
        Path dir = Path.of(System.getProperty("loupe.solr.cluster", "../loupe-solr-cluster/target"));
        Path jar;
        try (Stream<Path> files = Files.list(dir)) {
            jar = files.filter(p -> p.getFileName().toString().matches("loupe-solr-cluster-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no loupe-solr-cluster jar in " + dir
                            + "; build it with 'bin/mvn -pl loupe-solr-cluster package'"));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalStateException("no " + dir + "; build it with 'bin/mvn -pl loupe-solr-cluster package'");
        }
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED", "-cp", jar + java.io.File.pathSeparator + dir.resolve("lib") + "/*",
                "dev.loupe.solrcluster.TestCluster", "--nodes", Integer.toString(nodes));
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        process = pb.start();
        commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String zk = null;
        List<String> urls = new ArrayList<>();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        for (String line = replies.readLine(); ; line = replies.readLine()) {
            if (line == null || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("the Solr test cluster did not start (see its solr.log)");
            }
            if (line.startsWith("zk ")) {
                zk = line.substring(3).strip();
            } else if (line.startsWith("node ")) {
                urls.add(line.split(" ")[2]);
            } else if (line.equals("ready")) {
                break;
            }
        }
        zkAddress = zk;
        nodeUrls = List.copyOf(urls);
    }

    /** A new cluster of its own (for tests that stop nodes); close it at the end. */
    public static SolrTestCluster start(int nodes) throws IOException {
        return new SolrTestCluster(nodes);
    }

    /** The 3-node cluster shared by the tests of this JVM; stopped when the JVM exits. */
    public static synchronized SolrTestCluster shared() throws IOException {
        if (shared == null) {
            SolrTestCluster c = new SolrTestCluster(3);
            Runtime.getRuntime().addShutdownHook(new Thread(c::close));
            shared = c;
        }
        return shared;
    }

    /** {@code 127.0.0.1:PORT/solr}, as given to {@code --solr}. */
    public String zkAddress() {
        return zkAddress;
    }

    public SolrTarget target() {
        return SolrTarget.zooKeeper(zkAddress);
    }

    public List<String> nodeUrls() {
        return nodeUrls;
    }

    /** Stops node {@code i}; returns when it is down. */
    public synchronized void stopNode(int i) throws IOException {
        command("stop " + i, "stopped " + i);
    }

    /** Starts node {@code i} again (same port, same data); returns when it has joined. */
    public synchronized void startNode(int i) throws IOException {
        command("start " + i, "started " + i);
    }

    private void command(String cmd, String expect) throws IOException {
        commands.println(cmd);
        String reply = replies.readLine();
        if (reply == null || !reply.startsWith(expect)) {
            throw new IllegalStateException("test cluster: '" + cmd + "' answered '" + reply + "'");
        }
    }

    @Override
    public synchronized void close() {
        commands.println("quit");
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
