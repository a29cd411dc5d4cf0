// Package hsharness holds what every loopback homeserver harness here shares
// (internal/synapse and internal/dendrite, and their synapsetest and
// dendritetest helpers):
//   - Settle: a new server's place — a listen address that refuses anything
//     off loopback, a data folder (temporary unless given), its server name
//     and shared secret — after stopping a server an earlier run left there
//     (StopStale, by the pid file that is also a lock the server holds);
//   - Launch and WaitReady: the process in its own group, writing to its log,
//     until /_matrix/client/versions answers;
//   - RegisterUser: the shared-secret registration client for
//     /_synapse/admin/v1/register (Synapse's admin API, which Dendrite
//     implements too), and CallJSON beneath it;
//   - Instance, StartFor, Main and UniqueName for the test helpers: one server
//     a test binary shares, a dedicated one per test, unique user names.
//
// What differs between the servers on purpose stays in their packages: how
// each is installed or built, its keys and config, how it is stopped
// (Synapse's whole process group, since it may spawn helpers; Dendrite's
// single process), and Synapse's sweep of servers a killed test binary left.
package hsharness
