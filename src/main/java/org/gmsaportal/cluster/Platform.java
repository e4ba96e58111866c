package org.gmsaportal.cluster;

/**
 * The Kubernetes platform a cluster connection runs on. It decides the default ccg.exe plug-in, what the
 * preflight expects of the gMSA webhook, how DNS reaches the domain, which workload fields a pod needs, and the
 * equivalent commands shown at review (each from the seed document of that platform).
 */
public enum Platform {

	/** Azure Kubernetes Service: {@code az aks update --enable-windows-gmsa} installs the webhook and sets DNS. */
	AKS,
	/** AKS on Azure Local / Azure Stack HCI: {@code Install-AksHciGMSAWebhook}, Secret volume and dnsConfig. */
	AKS_HCI,
	/** Amazon EKS: the webhook from kubernetes-sigs/windows-gmsa and a CoreDNS forward block. */
	EKS,
	/** Rancher (RKE2): the Rancher gMSA webhook chart and the CCG Rancher plug-in. */
	RANCHER,
	/** Any other conformant cluster: kubernetes-sigs/windows-gmsa and a CoreDNS forward block. */
	GENERIC

}
