package dev.loupe.index.solr;

import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.common.SolrException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Turns what SolrJ throws into one clear message: which cluster or collection, what happened, what to do. SolrJ's
 * own messages name internal classes and retry loops; a user needs to know whether ZooKeeper, a node or the request
 * itself is at fault.
 */
final class SolrErrors {
    private SolrErrors() {
    }

    /** A request that can fail the ways SolrJ fails. */
    interface Call<T> {
        T run() throws SolrServerException, IOException;
    }

    /**
     * How long a request is tried again after a transient failure (a node that went away, a shard without a leader
     * for the seconds an election takes, a 5xx): reads briefly, since another replica usually answers at once;
     * writes until the cluster has had time to elect new leaders. Writes are idempotent (upserts by id, deletes by
     * id), so sending one twice is safe.
     */
    enum Retry {
        NONE(Duration.ZERO), READ(Duration.ofSeconds(3)), WRITE(Duration.ofSeconds(90));

        final Duration budget;

        Retry(Duration budget) {
            this.budget = budget;
        }
    }

    static <T> T call(SolrTarget target, String collection, String what, Call<T> call) {
        return call(target, collection, what, Retry.READ, call);
    }

    static <T> T call(SolrTarget target, String collection, String what, Retry retry, Call<T> call) {
        long deadline = System.nanoTime() + retry.budget.toNanos();
        long pause = 200;
        while (true) {
            try {
                return call.run();
            } catch (SolrServerException | IOException | RuntimeException e) {
                if (e instanceof SolrIndexException s) {
                    throw s;
                }
                if (!transient_(e) || System.nanoTime() + pause * 1_000_000 > deadline) {
                    throw translate(target, collection, what, e);
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw translate(target, collection, what, e);
                }
                pause = Math.min(pause * 2, 5_000);
            }
        }
    }

    /** Worth trying again: the cluster may answer once it has noticed a lost node. */
    static boolean transient_(Exception e) {
        if (isZooKeeperUnreachable(e)) {
            return false; // the connect timeout has been waited for already
        }
        SolrException remote = (SolrException) cause(e, SolrException.class);
        if (remote != null && remote.code() > 0) {
            return remote.code() >= 500;
        }
        return e instanceof SolrServerException || e instanceof IOException
                || cause(e, ConnectException.class, SocketTimeoutException.class) != null;
    }

    static SolrIndexException translate(SolrTarget target, String collection, String what, Exception e) {
        String where = "SolrCloud collection '" + collection + "' (" + target.describe() + ")";
        if (isZooKeeperUnreachable(e)) {
            return new SolrIndexException("cannot reach ZooKeeper at " + String.join(",", target.zkHosts())
                    + " within " + target.timeout().toSeconds() + " s while trying to " + what + "; check that "
                    + "ZooKeeper runs there and that --solr (or LOUPE_SOLR) names its host:port[/chroot]", e);
        }
        Throwable net = cause(e, ConnectException.class, UnknownHostException.class, SocketTimeoutException.class);
        if (net != null) {
            String whom = target.viaZooKeeper() ? "the Solr nodes registered in " + target.describe()
                    : "Solr at " + target.describe();
            return new SolrIndexException("cannot reach " + whom + " while trying to " + what + " ("
                    + net.getClass().getSimpleName() + ": " + net.getMessage() + "); check that the nodes run and "
                    + (target.viaZooKeeper() ? "that this machine can reach them"
                    : "that --solr-url (or LOUPE_SOLR_URL) is right"), e);
        }
        SolrException remote = (SolrException) cause(e, SolrException.class);
        if (remote != null) {
            int code = remote.code();
            String hint = switch (code) {
                case 401, 403 -> "the cluster asks for credentials Loupe does not send; allow this client in "
                        + "Solr's security.json";
                case 404 -> "check that the collection exists (loupe index creates it)";
                case 503 -> "no live replica could answer; wait until the cluster has recovered (see its admin "
                        + "page, Cloud > Graph) and try again";
                default -> code >= 500 ? "a Solr node failed; its log says why" : "the request was refused";
            };
            return new SolrIndexException(where + ": a Solr node refused to " + what + " (HTTP " + code + ": "
                    + firstLine(remote.getMessage()) + "); " + hint, e);
        }
        if (!target.viaZooKeeper() && String.valueOf(e.getMessage()).contains("Failed fetching live_nodes")) {
            return new SolrIndexException("cannot reach Solr at " + target.describe() + " while trying to " + what
                    + "; check that the nodes run and that --solr-url (or LOUPE_SOLR_URL) is right", e);
        }
        if (e.getMessage() != null && e.getMessage().contains("No live SolrServers available")) {
            return new SolrIndexException(where + ": no live Solr node could " + what + "; wait until the cluster "
                    + "has recovered and try again", e);
        }
        return new SolrIndexException(where + ": cannot " + what + ": " + firstLine(String.valueOf(e.getMessage())), e);
    }

    private static boolean isZooKeeperUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (t instanceof TimeoutException && m.contains("ZooKeeper") || m.contains("Could not connect to ZooKeeper")
                    || m.contains("Cannot connect to cluster at")) {
                return true;
            }
        }
        return false;
    }

    @SafeVarargs
    private static Throwable cause(Throwable e, Class<? extends Throwable>... types) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(t)) {
                    return t;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
