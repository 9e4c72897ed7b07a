package dev.loupe.solrcluster;

import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettySolrRunner;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a local SolrCloud test cluster — an embedded ZooKeeper and N Solr nodes on loopback ports — with Solr's own
 * {@link MiniSolrCloudCluster}, and drives it from standard input. It prints, one per line,
 * <pre>
 *   zk 127.0.0.1:PORT/solr
 *   node 0 http://127.0.0.1:PORT/solr
 *   …
 *   ready
 * </pre>
 * and then reads commands: {@code stop I} (stops node I as a crash of that machine would look to the cluster:
 * its cores go away, its live-node entry disappears), {@code start I} (starts it again on the same port and data),
 * {@code quit} or end of input (shuts the cluster down). Each command is answered by one line ({@code stopped I},
 * {@code started I URL}, {@code error MESSAGE}). Logs go to {@code DIR/solr.log}.
 *
 * <p>Usage: {@code TestCluster [--nodes N] [--dir DIR]}; without {@code --dir} a temporary folder that is deleted
 * at the end.
 */
public final class TestCluster {
    private TestCluster() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = 3;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--nodes" -> nodes = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]).toAbsolutePath();
                default -> {
                    System.err.println("usage: TestCluster [--nodes N] [--dir DIR]");
                    System.exit(2);
                }
            }
        }
        if (nodes < 1 || nodes > 9) {
            System.err.println("--nodes must be between 1 and 9, got " + nodes);
            System.exit(2);
        }
        boolean temporary = dir == null;
        if (temporary) {
            dir = Files.createTempDirectory("loupe-solr-cluster");
        }
        Files.createDirectories(dir);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setProperty("loupe.solr.log", dir.resolve("solr.log").toString()); // read by log4j2.xml
        MiniSolrCloudCluster cluster = new MiniSolrCloudCluster.Builder(nodes, dir.resolve("cluster"))
                .withJettyConfig(b -> b.setContext("/solr"))
                .build();
        Path base = dir;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(cluster, temporary ? base : null)));
        List<JettySolrRunner> runners = new ArrayList<>(cluster.getJettySolrRunners());
        out.println("zk " + cluster.getZkServer().getZkAddress());
        for (int i = 0; i < runners.size(); i++) {
            out.println("node " + i + " " + runners.get(i).getBaseUrl());
        }
        out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] cmd = line.strip().split("\\s+");
            try {
                switch (cmd[0]) {
                    case "stop" -> {
                        int i = node(cmd, runners);
                        cluster.stopJettySolrRunner(runners.get(i));
                        cluster.waitForJettyToStop(runners.get(i));
                        out.println("stopped " + i);
                    }
                    case "start" -> {
                        int i = node(cmd, runners);
                        JettySolrRunner j = runners.get(i);
                        cluster.startJettySolrRunner(j, true);
                        cluster.waitForNode(j, 30);
                        out.println("started " + i + " " + j.getBaseUrl());
                    }
                    case "quit" -> {
                        System.exit(0);
                    }
                    case "" -> {
                    }
                    default -> out.println("error unknown command '" + cmd[0] + "'; use stop I, start I or quit");
                }
            } catch (Exception e) {
                out.println("error " + e.toString().replace('\n', ' '));
            }
        }
        System.exit(0);
    }

    private static int node(String[] cmd, List<JettySolrRunner> runners) {
        if (cmd.length != 2) {
            throw new IllegalArgumentException("give the node's number, e.g. '" + cmd[0] + " 1'");
        }
        int i = Integer.parseInt(cmd[1]);
        if (i < 0 || i >= runners.size()) {
            throw new IllegalArgumentException("no node " + i + "; nodes are 0 to " + (runners.size() - 1));
        }
        return i;
    }

    private static void shutdown(MiniSolrCloudCluster cluster, Path deleteAfter) {
        try {
            cluster.shutdown();
        } catch (Exception e) {
            System.err.println("cluster shutdown: " + e);
        }
        if (deleteAfter != null) {
            try (var files = Files.walk(deleteAfter)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (Exception e) {
                System.err.println("cannot delete " + deleteAfter + ": " + e);
            }
        }
    }
}
