// Package hsharness holds what every loopback homeserver harness here shares
// (internal/synapse and internal/dendrite, and their synapsetest and
// dendritetest helpers): a listen address that refuses anything off
// loopback, a data folder that is a temporary one unless given, the
// shared-secret registration client for /_synapse/admin/v1/register (Synapse's
// admin API, which Dendrite implements too), stopping a stale instance named
// by a pid file, the per-test-binary shared instance, and unique user names.
//
// What differs between the servers stays in their packages: how each is
// installed or built, its config, its keys, how it is stopped (Synapse's
// whole process group, Dendrite's single process) and Synapse's sweep of
// servers orphaned by a killed test binary.
package hsharness
