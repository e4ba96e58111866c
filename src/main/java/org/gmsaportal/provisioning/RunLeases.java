package org.gmsaportal.provisioning;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * This portal instance's identity and the runs it executes: it renews their heartbeats, so that other instances
 * sharing the database leave them alone, and notices when it has lost one.
 */
@Component
class RunLeases {

	private static final Logger logger = LoggerFactory.getLogger(RunLeases.class);

	private final String owner;

	private final RunAttemptRepository attempts;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final ProvisioningSettings settings;

	private final Set<RunLease> executing = ConcurrentHashMap.newKeySet();

	private final Set<RunLease> lost = ConcurrentHashMap.newKeySet();

	private volatile boolean stopping;

	RunLeases(RunAttemptRepository attempts, TransactionTemplate transactions, Clock clock,
			ProvisioningSettings settings) {
		// New per process (and per application context): a restarted portal is another instance.
		this.owner = host() + "/" + UUID.randomUUID();
		this.attempts = attempts;
		this.transactions = transactions;
		this.clock = clock;
		this.settings = settings;
	}

	String owner() {
		return this.owner;
	}

	Instant now() {
		return this.clock.instant();
	}

	/** Heartbeats older than this are stale: their instance stopped executing the run. */
	Instant staleBefore() {
		return now().minus(this.settings.staleAfter());
	}

	/** This instance starts executing the attempt: its heartbeat is renewed from now on. */
	void executing(RunLease lease) {
		this.executing.add(lease);
	}

	/** This instance stopped executing the attempt, however it ended. */
	void finished(RunLease lease) {
		this.executing.remove(lease);
		this.lost.remove(lease);
	}

	/** The instance is shutting down: the runs it executes start no further step. */
	void stop() {
		this.stopping = true;
	}

	boolean stopping() {
		return this.stopping;
	}

	/**
	 * Waits, at most the shutdown grace, until this instance executes no run any more.
	 * @return the runs still executing when the grace ended
	 */
	List<RunLease> awaitIdle() {
		long end = System.nanoTime() + this.settings.shutdownGrace().toNanos();
		try {
			while (!this.executing.isEmpty() && System.nanoTime() < end) {
				Thread.sleep(50);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return executing();
	}

	boolean isLost(RunLease lease) {
		return this.lost.contains(lease);
	}

	List<RunLease> executing() {
		return List.copyOf(this.executing);
	}

	/** Renews the heartbeat of every run this instance executes; a run that is no longer ours is marked lost. */
	void renew() {
		for (RunLease lease : executing()) {
			try {
				Boolean held = this.transactions.execute((tx) -> this.attempts.hold(lease, now()));
				if (!Boolean.TRUE.equals(held)) {
					this.lost.add(lease);
					logger.warn("Run {} attempt {} is no longer held by this instance; it stops at its next step",
							lease.runId(), lease.attempt());
				}
			}
			catch (RuntimeException ex) {
				// The database is unreachable: the heartbeat goes stale, and another instance may take the run over.
				logger.warn("Heartbeat of run {} could not be renewed: {}", lease.runId(), ex.getClass().getSimpleName());
			}
		}
	}

	private static String host() {
		try {
			String name = InetAddress.getLocalHost().getHostName();
			return (name.length() > 64) ? name.substring(0, 64) : name;
		}
		catch (UnknownHostException ex) {
			return "portal";
		}
	}

}
