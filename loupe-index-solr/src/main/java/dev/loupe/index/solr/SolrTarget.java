package dev.loupe.index.solr;

import org.apache.solr.client.solrj.impl.CloudLegacySolrClient;
import org.apache.solr.client.solrj.impl.CloudSolrClient;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a SolrCloud cluster is reached: through its ZooKeeper ensemble ({@code host:port,host:port[/chroot]}, the
 * way Solr's own nodes find each other; the client then follows live nodes and shard leaders as they change) or
 * through the HTTP address of one or more of its nodes ({@code http://host:8983/solr}; the client asks them for the
 * cluster state).
 *
 * @param zkHosts  ZooKeeper hosts, empty when {@code solrUrls} are given
 * @param chroot   the ZooKeeper path Solr lives under ({@code /solr}), if any
 * @param solrUrls node addresses, empty when {@code zkHosts} are given
 * @param timeout  how long to wait for ZooKeeper or a node to answer before giving up
 */
public record SolrTarget(List<String> zkHosts, Optional<String> chroot, List<String> solrUrls, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    public SolrTarget {
        zkHosts = List.copyOf(zkHosts);
        solrUrls = List.copyOf(solrUrls);
        Objects.requireNonNull(chroot, "chroot");
        Objects.requireNonNull(timeout, "timeout");
        if (zkHosts.isEmpty() == solrUrls.isEmpty()) {
            throw new IllegalArgumentException("give either ZooKeeper hosts (--solr) or Solr URLs (--solr-url)");
        }
    }

    /**
     * Parses {@code host:port[,host:port...][/chroot]} as given to {@code --solr} or {@code LOUPE_SOLR}.
     *
     * @throws IllegalArgumentException naming the part that is wrong
     */
    public static SolrTarget zooKeeper(String spec) {
        String s = Objects.requireNonNull(spec, "spec").strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("--solr is empty; give the ZooKeeper hosts of the SolrCloud cluster, "
                    + "e.g. --solr zk1:2181,zk2:2181/solr");
        }
        if (s.contains("://")) {
            throw new IllegalArgumentException("--solr takes ZooKeeper hosts (host:port[,host:port][/chroot]), got the "
                    + "URL '" + s + "'; for a Solr node's address use --solr-url " + s);
        }
        int slash = s.indexOf('/');
        String hosts = slash < 0 ? s : s.substring(0, slash);
        Optional<String> chroot = slash < 0 || slash == s.length() - 1 ? Optional.empty() : Optional.of(s.substring(slash));
        List<String> list = Arrays.stream(hosts.split(",")).map(String::strip).toList();
        for (String h : list) {
            if (!h.matches("[A-Za-z0-9._\\-\\[\\]:]+:\\d{1,5}")) {
                throw new IllegalArgumentException("ZooKeeper host '" + h + "' in --solr '" + s + "' is not host:port; "
                        + "give e.g. --solr zk1:2181,zk2:2181/solr");
            }
        }
        return new SolrTarget(list, chroot, List.of(), DEFAULT_TIMEOUT);
    }

    /** Parses one or more comma-separated node URLs as given to {@code --solr-url} or {@code LOUPE_SOLR_URL}. */
    public static SolrTarget urls(String spec) {
        String s = Objects.requireNonNull(spec, "spec").strip();
        List<String> list = Arrays.stream(s.split(",")).map(String::strip).filter(u -> !u.isEmpty()).toList();
        if (list.isEmpty()) {
            throw new IllegalArgumentException("--solr-url is empty; give a Solr node's address, e.g. "
                    + "--solr-url http://solr1:8983/solr");
        }
        for (String u : list) {
            URI uri;
            try {
                uri = URI.create(u);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--solr-url '" + u + "' is not a URL: " + e.getMessage());
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("--solr-url '" + u + "' is not an http(s) address of a Solr node; "
                        + "give e.g. http://solr1:8983/solr");
            }
        }
        return new SolrTarget(List.of(), Optional.empty(), list.stream().map(SolrTarget::stripSlash).toList(),
                DEFAULT_TIMEOUT);
    }

    private static String stripSlash(String u) {
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    public SolrTarget withTimeout(Duration t) {
        return new SolrTarget(zkHosts, chroot, solrUrls, t);
    }

    public boolean viaZooKeeper() {
        return !zkHosts.isEmpty();
    }

    /** For messages: {@code zk 127.0.0.1:2181/solr} or the URLs. */
    public String describe() {
        return viaZooKeeper() ? "ZooKeeper " + String.join(",", zkHosts) + chroot.orElse("")
                : String.join(",", solrUrls);
    }

    /** A cloud client for this cluster (not yet connected; the first request connects). */
    @SuppressWarnings("deprecation") // see the pom: the Jetty-free cloud client
    CloudSolrClient client() {
        int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        CloudLegacySolrClient.Builder b = viaZooKeeper() ? new CloudLegacySolrClient.Builder(zkHosts, chroot)
                : new CloudLegacySolrClient.Builder(solrUrls);
        if (viaZooKeeper()) {
            b.withZkConnectTimeout(ms, java.util.concurrent.TimeUnit.MILLISECONDS)
                    .withZkClientTimeout(Math.max(ms, 15_000), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        return b.withConnectionTimeout(ms, java.util.concurrent.TimeUnit.MILLISECONDS)
                .withSocketTimeout(Math.max(ms, 60_000), java.util.concurrent.TimeUnit.MILLISECONDS)
                .build();
    }
}
