package org.gmsaportal.web.wizard;

import java.io.Serializable;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Everything the wizard holds between pages: one form per step and how far the admin got. This is what the
 * session keeps (serialized, encrypted, in the sessions table every instance reads) and what the draft table stores
 * as JSON; it holds no secret.
 */
public class WizardState implements Serializable {

	private static final long serialVersionUID = 1L;

	/** The pages in order; {@link #getReached()} indexes into it. */
	static final List<String> STEPS = List.of("connections", "forest", "identity", "credspec", "cluster", "review");

	private ConnectionsStep connections = new ConnectionsStep();

	private ForestStep forest = new ForestStep();

	private IdentityStep identity = new IdentityStep();

	private ClusterStep cluster = new ClusterStep();

	private int reached;

	// The one-time token of the review form last shown; it becomes the started run's request key.
	private @Nullable String reviewToken;

	/** The furthest page the admin may open: every page before it validated. */
	String currentStep() {
		return STEPS.get(Math.max(0, Math.min(this.reached, STEPS.size() - 1)));
	}

	boolean mayOpen(String step) {
		return STEPS.indexOf(step) <= this.reached;
	}

	void passed(String step) {
		this.reached = Math.max(this.reached, STEPS.indexOf(step) + 1);
	}

	public ConnectionsStep getConnections() {
		return this.connections;
	}

	public void setConnections(ConnectionsStep connections) {
		this.connections = connections;
	}

	public ForestStep getForest() {
		return this.forest;
	}

	public void setForest(ForestStep forest) {
		this.forest = forest;
	}

	public IdentityStep getIdentity() {
		return this.identity;
	}

	public void setIdentity(IdentityStep identity) {
		this.identity = identity;
	}

	public ClusterStep getCluster() {
		return this.cluster;
	}

	public void setCluster(ClusterStep cluster) {
		this.cluster = cluster;
	}

	public int getReached() {
		return this.reached;
	}

	public void setReached(int reached) {
		this.reached = reached;
	}

	public @Nullable String getReviewToken() {
		return this.reviewToken;
	}

	public void setReviewToken(@Nullable String reviewToken) {
		this.reviewToken = reviewToken;
	}

}
